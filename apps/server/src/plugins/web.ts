import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { ResolvedOptions } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The web app's index.html, for client-side routes; null when the app is not built. */
    webIndex: string | null;
  }
}

/** Vite's hashed build output: `assets/index-B3xk9_Qa.js`, `assets/leaflet-Cm1v2a.css`. */
const HASHED = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * A hashed asset's name changes with its content, so it is cached for a year and never
 * revalidated; index.html (which names them) and anything else is revalidated every time.
 */
export function cacheControlFor(path: string): string {
  return HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Serves the built web app (apps/web/dist) at `/` when it exists. */
export default fp<{ options: ResolvedOptions }>(
  async function webPlugin(app, { options }) {
    const index = join(options.webDir, 'index.html');
    const built = existsSync(index);
    app.decorate('webIndex', built ? readFileSync(index, 'utf8') : null);
    if (!built) {
      app.log.warn({ webDir: options.webDir }, 'web app not built; serving the API only');
      return;
    }
    await app.register(async (scope) => {
      await scope.register(fastifyStatic, {
        root: options.webDir,
        prefix: '/',
        decorateReply: false,
        // The build writes `.br` and `.gz` beside each file (apps/web/scripts/precompress.ts): sent as
        // they are, at the best ratio, instead of compressed again at every request.
        preCompressed: true,
        // Cache-Control is ours: hashed names never change, everything else is revalidated.
        cacheControl: false,
        setHeaders(reply, path) {
          void reply.header('cache-control', cacheControlFor(path));
        },
      });
    });
  },
  { name: 'web' },
);
