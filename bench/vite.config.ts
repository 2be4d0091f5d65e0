import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The bench pages, built for production into bench/dist and served by the mock server
// (`--static bench/dist`): the peers at /naive/index.html and /uplot/index.html, and ours at
// /ours/index.html (the production app from src/ with the bench probe installed first), so no
// bench code ships in the app's own build (dist/).
const root = resolve(import.meta.dirname, "peers");

export default defineConfig({
  root,
  base: "/",
  publicDir: resolve(import.meta.dirname, "../public"),
  plugins: [react()],
  logLevel: "warn",
  build: {
    outDir: resolve(import.meta.dirname, "dist"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        naive: resolve(root, "naive/index.html"),
        uplot: resolve(root, "uplot/index.html"),
        ours: resolve(root, "ours/index.html"),
      },
    },
  },
});
