import { defineConfig } from "vitest/config";

// Only unit tests: Playwright specs in e2e/ and bench/ must never be collected here.
export default defineConfig({
  test: {
    include: [
      "src/**/*.test.{ts,tsx}",
      "mock-server/**/*.test.ts",
      "server/**/*.test.ts",
      "testing/**/*.test.ts",
      "scripts/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
