import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { viewUnitOf } from '@floodnet/domain';
import type { StreamEngine } from '../../engine/stream-engine.js';
import { actorOf } from '../../plugins/auth.js';
import { bearer, errors, readErrors, refText, StreamQuerySchema } from '../schemas.js';
import { unitRendered } from './unit-view.js';
import { stateToGeoJson } from './geojson.js';
import { wireSnapshot } from './wire-snapshot.js';

/** A body once serialised at a committed seq, with its entity tag. */
interface Rendered {
  seq: number;
  body: string;
  etag: string;
}

const etagHeaders = {
  etag: Type.String({ description: 'changes exactly when the committed picture does' }),
  'cache-control': Type.String({ description: 'no-cache: revalidate with If-None-Match' }),
};
const notModified = Type.Unsafe<undefined>(
  Type.Null({
    description: 'Not modified: the picture is still at the seq you hold',
    headers: etagHeaders,
  }),
);

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The committed picture of a stream, as the domain's state or as GeoJSON for any GIS. Both are
 * rendered once per committed seq and answered with an ETag, so a poller that holds the current
 * picture gets a 304 and nothing else.
 */
const state: FastifyPluginAsyncTypebox = async (app) => {
  const cache = {
    state: new WeakMap<StreamEngine, Rendered>(),
    geojson: new WeakMap<StreamEngine, Rendered>(),
  };

  function rendered(kind: keyof typeof cache, engine: StreamEngine): Rendered {
    const known = cache[kind].get(engine);
    if (known && known.seq === engine.committedSeq && known.body !== '') return known;
    const picture = engine.committedState;
    const body =
      kind === 'state'
        ? JSON.stringify(wireSnapshot(engine.stream, picture))
        : JSON.stringify(stateToGeoJson(picture, app.geography.keyAreas));
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    const fresh = { seq: engine.committedSeq, body, etag: `"${picture.seq}-${hash}"` };
    cache[kind].set(engine, fresh);
    return fresh;
  }

  /**
   * The picture of the stream the request names, rendered as `kind` (a bound account's own
   * unit's view), with its ETag; 304 when the caller already holds it.
   */
  function answer(
    request: FastifyRequest & { query: { stream?: string } },
    reply: FastifyReply,
    kind: keyof typeof cache,
    contentType: string,
  ): FastifyReply {
    const engine = app.engine.get(request.query.stream ?? 'live');
    const unit = viewUnitOf(actorOf(request));
    const { etag, body } =
      unit === null ? rendered(kind, engine) : unitRendered(kind, engine, unit, app);
    void reply.header('etag', etag).header('cache-control', 'no-cache');
    if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send(undefined);
    return reply.type(contentType).send(body);
  }

  app.get(
    '/state',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'getState',
        tags: ['state'],
        summary: 'The current picture',
        description:
          'The whole state of a stream (`live` or `drill:<id>`) after `seq` events, only as far ' +
          'as the log has committed them: the object a client folds with `evolve`, every time ' +
          'in it ISO 8601 in +08:00 to the second (decoded to epoch ms, its `stateHash` equals ' +
          'the server’s). Send the ETag back as `If-None-Match` to get 304 while nothing has ' +
          'changed. A `compound` or `squad` account gets its own unit’s view of `live` (its own ' +
          'entry, notices with its receipt alone, its reports, job and tasks; the other slices ' +
          'empty) and 403 for any other stream.',
        security: bearer,
        querystring: StreamQuerySchema,
        response: {
          200: refText('StreamState', 'The committed picture', etagHeaders),
          304: notModified,
          ...errors(readErrors),
        },
      },
    },
    async (request, reply) => answer(request, reply, 'state', 'application/json; charset=utf-8'),
  );

  app.get(
    '/state.geojson',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'getStateGeoJson',
        tags: ['state'],
        summary: 'The current picture as GeoJSON',
        description:
          'A FeatureCollection (RFC 7946, WGS-84) of every asset, unit and open incident, and ' +
          'the key areas, as far as the log has committed. Each feature has `properties.kind`, ' +
          '`.id`, `.name`, `.status`, plus `nameEn`, `specialty` (units), `lastValue`, ' +
          '`lastAt`, `stale` (sensors) and `depth` (cm, waterlogging points and underpasses). ' +
          'ETag / If-None-Match gives 304 while nothing has changed.',
        security: bearer,
        querystring: StreamQuerySchema,
        response: {
          200: {
            description: 'GeoJSON FeatureCollection',
            headers: etagHeaders,
            content: {
              'application/geo+json': {
                schema: refText('FeatureCollection'),
              },
            },
          },
          304: notModified,
          ...errors(readErrors),
        },
      },
    },
    async (request, reply) =>
      answer(request, reply, 'geojson', 'application/geo+json; charset=utf-8'),
  );
};

export default state;
