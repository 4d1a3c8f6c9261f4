import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import type { ResolvedOptions } from '../config.js';

/** The base map, read once at start: it never changes while the server runs. */
export interface Geography {
  /** `{district, jiezhen, huangpu, keyAreas}` as JSON text, served as is. */
  json: string;
  etag: string;
  keyAreas: { features: never[] } | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    geography: Geography;
  }
}

const FILES = {
  district: 'district.geojson',
  jiezhen: 'jiezhen.geojson',
  huangpu: 'huangpu.geojson',
  keyAreas: 'key-areas.geojson',
} as const;

export default fp<{ options: ResolvedOptions }>(
  async function geographyPlugin(app, { options }) {
    const layers: Record<string, unknown> = {};
    for (const [key, file] of Object.entries(FILES)) {
      const path = join(options.fixturesDir, file);
      layers[key] = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
      if (layers[key] === null) app.log.warn({ path }, 'base-map layer missing');
    }
    const json = JSON.stringify(layers);
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
    app.decorate('geography', {
      json,
      etag,
      keyAreas: layers.keyAreas as Geography['keyAreas'],
    });
  },
  { name: 'geography' },
);
