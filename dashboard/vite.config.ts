import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// `npm run dev` serves the dashboard on 5173 and forwards the API to the gateway of ./mailoo up, so the page talks to
// the same routes (same origin as far as the browser knows) as when the gateway serves dist/ itself.
const gateway = process.env.MAILOO_GATEWAY_URL ?? 'http://127.0.0.1:8080';
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// the API documents the Maven module api-docs merges at build time (docs/api-documents.md)
const apiDocumentsDir = process.env.MAILOO_API_DOCS_DIR ?? here('../api-docs/target/openapi');

// dist/api-docs/{mailoo,integrator}.json: the gateway serves them as /api/openapi.json and /api/openapi/integrator.json
function apiDocuments(): Plugin {
  return {
    name: 'mailoo-api-documents',
    apply: 'build',
    generateBundle() {
      for (const file of ['mailoo.json', 'integrator.json']) {
        const path = `${apiDocumentsDir}/${file}`;
        if (!existsSync(path)) {
          this.warn(`${path} is missing (built by ./mvnw package, module api-docs): /api/openapi.json will be a 404`);
          continue;
        }
        this.emitFile({ type: 'asset', fileName: `api-docs/${file}`, source: readFileSync(path) });
      }
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [apiDocuments()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // the dashboard, and the API reference page the gateway serves at /api/docs/
    rollupOptions: { input: { main: here('index.html'), apiDocs: here('api-docs/index.html') } },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: gateway, changeOrigin: false }, '/healthz': gateway },
  },
});
