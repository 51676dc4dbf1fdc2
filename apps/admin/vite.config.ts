import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  // The Worker serves this build under /_admin/, so every asset URL must carry that prefix.
  base: "/_admin/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
});
