import { constants } from 'node:zlib';
import fp from 'fastify-plugin';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { ResolvedOptions } from '../config.js';
import { originPolicy } from './origins.js';

/** What is worth compressing: text, JSON of every flavour (NDJSON, GeoJSON), scripts, SVG. */
const COMPRESSIBLE =
  /^(text\/(?!event-stream)|application\/(json|x-ndjson|geo\+json|javascript|xml)|image\/svg\+xml)/;

/**
 * The origin of a tile URL template (`https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png` →
 * `https://*.tile.openstreetmap.org`), for the map's images in the CSP; null if none or unparsable.
 */
export function tileSource(template: string | null): string | null {
  if (!template) return null;
  const match = /^(https?:)\/\/([^/]+)/.exec(template);
  if (!match) return null;
  const host = match[2]!.replace(/\{[^}]+\}/g, '*');
  return `${match[1]}//${host}`;
}

/**
 * HTTP hygiene for every answer: compression (brotli, gzip), CORS for the allowed origins (the
 * same allowlist as the socket), and security headers with a CSP the map works under.
 */
export default fp<{ options: ResolvedOptions }>(
  async function httpPlugin(app, { options }) {
    const allowed = originPolicy(app, options);
    await app.register(compress, {
      global: true,
      encodings: ['br', 'gzip'],
      threshold: 1024,
      customTypes: COMPRESSIBLE,
      // Quality 11 (zlib's default) costs seconds on a 2 MB page of the log; 5 is within a few
      // per cent of its size at a fraction of the time.
      brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
    });
    await app.register(cors, {
      // A page on another allowed origin (a city platform's) signs in and reads with a bearer
      // token; no cookies are involved, so credentials stay off.
      origin: (origin, callback) => callback(null, origin !== undefined && allowed(origin)),
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'if-none-match'],
      exposedHeaders: [
        'etag',
        'retry-after',
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
      ],
      maxAge: 600,
    });
    const tiles = tileSource(options.tiles);
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'self'"],
          formAction: ["'self'"],
          scriptSrc: ["'self'"],
          // Leaflet and React position everything with inline styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
          fontSrc: ["'self'", 'data:'],
          // The socket is on this origin: 'self' covers ws:// and wss:// to it.
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
        },
      },
      // Plain http on a command-room LAN is allowed; a proxy in front adds HSTS for https.
      strictTransportSecurity: false,
    });
  },
  { name: 'http' },
);
