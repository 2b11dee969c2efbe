/**
 * Build, dev-server and unit-test configuration of the browser frontend.
 *
 * The project root is this folder (frontend/); the build lands in frontend/dist, which Django
 * serves for every non-API path. The dev server proxies the REST API and the run websocket to
 * the embedded backend on 127.0.0.1:8000.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const backend = process.env.PIPEWRIGHT_BACKEND ?? 'http://127.0.0.1:8000';

export default defineConfig({
  root,
  base: '/',
  // Keep Vite's and Vitest's caches in the root node_modules, not a second one under frontend/.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/ws': { target: backend, ws: true, changeOrigin: false },
    },
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    // A bound, not a measure: on a busy shared machine a jsdom render can take seconds.
    testTimeout: 30_000,
  },
});
