import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `wrangler dev` serves the API locally; `vite` dev forwards to it for hot reloading of the UI.
const LOCAL_WORKER_URL = "http://localhost:8787";

export default defineConfig({
  // The Worker serves this build under /_admin/, so every asset URL must carry that prefix.
  base: "/_admin/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: { proxy: { "/api": LOCAL_WORKER_URL, "/health": LOCAL_WORKER_URL } },
});
