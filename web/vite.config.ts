import { defineConfig } from 'vitest/config';

// `npm run dev` proxies the API and the WebSocket to a running node (TOKENTA_GATEWAY, default :8080).
const gateway = process.env.TOKENTA_GATEWAY ?? 'http://127.0.0.1:8080';

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/v1/ws': { target: gateway.replace(/^http/, 'ws'), ws: true },
      '/v1': { target: gateway },
    },
  },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
