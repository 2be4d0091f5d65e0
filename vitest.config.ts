import { defineConfig } from "vitest/config";
import { compiledCatalogs } from "./scripts/compiledCatalogs";

// Only unit tests: Playwright specs in e2e/ and bench/ must never be collected here.
export default defineConfig({
  plugins: [compiledCatalogs()],
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
    // Messages shown to people come from the i18n catalogues: tests read the English one.
    setupFiles: ["src/i18n/testSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
