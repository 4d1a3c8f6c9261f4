import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { encodeSnapshot, unitView } from '@floodnet/domain';
import type { StreamEngine } from '../../engine/stream-engine.js';
import { stateToGeoJson } from './geojson.js';

/**
 * A bound account's picture (`unitView`): its own compound or squad, cut afresh per request —
 * small, and never shared with the command room's cached body.
 */
export function unitRendered(
  kind: 'state' | 'geojson',
  engine: StreamEngine,
  unitId: string,
  app: FastifyInstance,
): { body: string; etag: string } {
  const seq = engine.committedSeq;
  const view = { ...unitView(engine.committedState, unitId), seq };
  const body =
    kind === 'state'
      ? JSON.stringify(encodeSnapshot({ stream: engine.stream, seq, state: view }))
      : JSON.stringify(stateToGeoJson(view, app.geography.keyAreas));
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return { body, etag: `"${seq}-${hash}"` };
}
