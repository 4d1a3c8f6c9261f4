import type { FastifyInstance } from 'fastify';
import type { ResolvedOptions } from '../config.js';

/**
 * Whether a browser page on `origin` may use the API and the socket: one of `FLOODNET_ORIGINS`,
 * or by default the server's own page (`http://localhost:<port>`, `http://127.0.0.1:<port>`,
 * the port it actually listens on).
 */
export function originPolicy(app: FastifyInstance, options: ResolvedOptions) {
  const explicit = options.origins ? new Set(options.origins) : null;
  return (origin: string): boolean => {
    if (explicit) return explicit.has(origin);
    const address = app.server.address();
    const port = address && typeof address === 'object' ? address.port : options.port;
    return origin === `http://localhost:${port}` || origin === `http://127.0.0.1:${port}`;
  };
}
