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
        // Hashed asset names may be cached for long; index.html must always be fresh.
        setHeaders(reply, path) {
          if (path.endsWith('.html')) void reply.header('cache-control', 'no-cache');
        },
      });
    });
  },
  { name: 'web' },
);
