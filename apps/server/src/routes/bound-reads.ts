import fp from 'fastify-plugin';
import { viewUnitOf } from '@floodnet/domain';
import { NotAllowed } from '../errors.js';

/**
 * The reads a `compound` or `squad` account may make, each answering only what concerns its own
 * unit: the picture cut to its view, its own notices and receipts, a compound's own reports, and
 * the base map. Everything else the API reads out (the log, reports, handovers, evacuations,
 * drills, alerts as CAP, plan previews, accounts) is the command room's and is refused with 403
 * `NOT_ALLOWED_FOR_ROLE` — a read route added later is refused to them until it is listed here.
 */
const BOUND_READS: Record<'compound' | 'squad', ReadonlySet<string>> = {
  compound: new Set([
    '/api/v1/state',
    '/api/v1/state.geojson',
    '/api/v1/notices',
    '/api/v1/notices/:id',
    '/api/v1/compound-reports',
    '/api/v1/geography',
    '/api/v1/config',
  ]),
  squad: new Set([
    '/api/v1/state',
    '/api/v1/state.geojson',
    '/api/v1/notices',
    '/api/v1/notices/:id',
    '/api/v1/geography',
    '/api/v1/config',
  ]),
};

/** Registered in the API's scope before its routes, so the hook covers every one of them. */
export default fp(
  async function boundReads(app) {
    // preHandler: after `onRequest` has authenticated the caller and set `request.actor`.
    app.addHook('preHandler', async (request) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const actor = request.actor;
      if (!actor || viewUnitOf(actor) === null) return;
      const role = actor.role as 'compound' | 'squad';
      const stream = (request.query as { stream?: unknown } | undefined)?.stream ?? 'live';
      if (!BOUND_READS[role].has(request.routeOptions.url ?? '')) {
        throw new NotAllowed(`a ${role} account reads only what concerns its own ${role}`);
      }
      if (stream !== 'live') throw new NotAllowed(`a ${role} account reads live only`);
    });
  },
  { name: 'bound-reads', dependencies: ['auth'] },
);
