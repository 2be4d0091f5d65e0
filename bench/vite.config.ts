import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The peer pages, built for production into bench/dist and served by the mock server
// (`--static bench/dist`) at /naive/index.html and /uplot/index.html.
const root = resolve(import.meta.dirname, "peers");

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  logLevel: "warn",
  build: {
    outDir: resolve(import.meta.dirname, "dist"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { naive: resolve(root, "naive/index.html"), uplot: resolve(root, "uplot/index.html") },
    },
  },
});
