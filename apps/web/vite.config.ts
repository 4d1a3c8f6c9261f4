import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/precompress.ts';

// In development the API, the socket and the OpenAPI docs come from the server (default :8080;
// FLOODNET_DEV_SERVER points elsewhere); in production the server serves the built files itself,
// so the paths are the same. The socket's Origin is rewritten to the server's own, which its
// allowlist admits, so `vite` on :5173 needs no FLOODNET_ORIGINS.
const server = process.env.FLOODNET_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/api': server,
      '/docs': server,
      '/socket.io': { target: server, ws: true, headers: { origin: server } },
    },
  },
  build: {
    target: 'es2022',
    // The first load's budget is what the browser receives, compressed: ≤ 200 KB, read off the
    // server's answers by `npm run bench -- map`. The main chunk is ≈ 510 KB before compression.
    chunkSizeWarningLimit: 600,
  },
});
