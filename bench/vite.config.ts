import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compiledCatalogs } from "../scripts/compiledCatalogs";

// The bench pages, built for production into bench/dist and served by the mock server
// (`--static bench/dist`): the peers at /naive/index.html and /uplot/index.html, and ours at
// /ours/index.html (the production app from src/ with the bench probe installed first), so no
// bench code ships in the app's own build (dist/).
const root = resolve(import.meta.dirname, "peers");

export default defineConfig({
  root,
  base: "/",
  publicDir: resolve(import.meta.dirname, "../public"),
  // The app's i18n catalogues are compiled at build time (virtual:catalog/*), as in vite.config.ts.
  plugins: [react(), compiledCatalogs()],
  logLevel: "warn",
  build: {
    outDir: resolve(import.meta.dirname, "dist"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Source maps name the minified functions of a --trace profile (bench/lib/traceSummary.ts).
    sourcemap: true,
    rollupOptions: {
      input: {
        naive: resolve(root, "naive/index.html"),
        uplot: resolve(root, "uplot/index.html"),
        ours: resolve(root, "ours/index.html"),
      },
    },
  },
});
