import { defineConfig } from "vitest/config";

// The harness's own unit tests (`npx vitest run --config bench/vitest.config.ts`); the
// benchmark itself never runs under vitest: performance lives in `npm run bench`.
export default defineConfig({
  test: { include: ["bench/**/*.test.ts"], environment: "node" },
});
