import { defineConfig } from 'vite';

// `npm run dev` serves the dashboard on 5173 and forwards the API to the gateway of ./mailoo up, so the page talks to
// the same routes (same origin as far as the browser knows) as when the gateway serves dist/ itself.
const gateway = process.env.MAILOO_GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: gateway, changeOrigin: false }, '/healthz': gateway },
  },
});
