/**
 * Builds the staff web app into dist/web, where the server serves it with an
 * SPA fallback. The root is this folder whatever directory Vite is started
 * from. The dev server stays on 127.0.0.1 and forwards /api to a local
 * Caseline (CASELINE_API_PORT, default 3000), so nothing leaves the machine.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiPort = Number(process.env.CASELINE_API_PORT ?? 3000);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    strictPort: false,
    proxy: { '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
  preview: { host: '127.0.0.1' },
});
