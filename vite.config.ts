import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compiledCatalogs } from "./scripts/compiledCatalogs";

// `npm run dev` runs the mock server on MOCK_PORT and Vite proxies /ws and /api to it, so the
// SPA talks to the same path in development as in production.
const mockPort = Number(process.env.MOCK_PORT ?? 8081);

export default defineConfig({
  plugins: [react(), compiledCatalogs()],
  build: {
    outDir: "dist",
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Everything the start page imports statically in one chunk, `index`. Left to itself,
        // rolldown moves the modules the lazy pages share with the start page (react, the store,
        // the transport) into a chunk of their own, and two gzip streams compress worse than one:
        // 2,956 B more for the same code (docs/PERFORMANCE.md, "What the start page downloads").
        codeSplitting: { groups: [{ name: "index", tags: ["$initial"] }] },
      },
    },
  },
  server: {
    proxy: {
      "/ws": { target: `ws://127.0.0.1:${mockPort}`, ws: true },
      "/healthz": `http://127.0.0.1:${mockPort}`,
      "/metrics": `http://127.0.0.1:${mockPort}`,
      "/api": `http://127.0.0.1:${mockPort}`,
    },
  },
});
