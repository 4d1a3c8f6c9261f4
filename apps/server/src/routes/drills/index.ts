import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { BadDrillLine, UploadTooLarge } from '../../drills/errors.js';
import { listRecordings, recordingFile } from '../../drills/recordings.js';
import { bearer, errors, IdParamsSchema, ref, type ErrorCodes } from '../schemas.js';
import {
  BadLineSchema,
  ClockAnswerSchema,
  ClockBodySchema,
  DrillListSchema,
  DrillMarksSchema,
  DrillSchema,
  ForkBodySchema,
  ImportQuerySchema,
  ImportRecordingSchema,
  RecordingListSchema,
} from './schemas.js';

const NDJSON = 'application/x-ndjson';
/** An upload may be a whole season's log: 2 GiB, read as a stream and never held whole. */
const UPLOAD_LIMIT = 2 * 1024 ** 3;
const recordingRequest = TypeCompiler.Compile(ImportRecordingSchema);

const trainers = ['commander', 'admin'] as const;
const readErrors = {
  400: ['VALIDATION_FAILED'],
  401: ['UNAUTHORIZED'],
  404: ['UNKNOWN_DRILL'],
} as const satisfies ErrorCodes;
const trainerErrors = {
  ...readErrors,
  403: ['NOT_ALLOWED_FOR_ROLE'],
  503: ['LOG_UNAVAILABLE'],
} as const satisfies ErrorCodes;

/**
 * The body as lines, counting bytes on the way: more than the limit fails the read (413).
 * `discard` lets the rest of a refused upload run into nothing, so the client, still sending,
 * gets the answer instead of a stalled connection.
 */
function linesOf(source: Readable, limit: number) {
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) callback(new UploadTooLarge(String(limit)));
      else callback(null, chunk);
    },
  });
  source.on('error', (error) => counted.destroy(error));
  source.pipe(counted);
  return {
    lines: createInterface({ input: counted, crlfDelay: Infinity }) as AsyncIterable<string>,
    discard() {
      source.unpipe(counted);
      source.resume();
    },
  };
}

/** Drills: import a log, run its clock, fork it for trainees, delete it. */
const drills: FastifyPluginAsyncTypebox = async (app) => {
  // Hands the handler the raw request stream: the body is read line by line as it arrives.
  app.addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));

  app.get(
    '/drills',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'listDrills',
        tags: ['drills'],
        summary: 'List the drills',
        description: 'Any signed-in role. Every drill and fork, with its clock.',
        security: bearer,
        response: {
          200: ref('DrillList', DrillListSchema, 'The drills'),
          ...errors({ 401: ['UNAUTHORIZED'] }),
        },
      },
    },
    async () => ({ drills: app.drills.list() }),
  );

  app.get(
    '/drills/recordings',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'listRecordings',
        tags: ['drills'],
        summary: 'The recorded logs a drill can be loaded from',
        description: 'Any signed-in role. Names and sizes of the recordings shipped with floodnet.',
        security: bearer,
        response: {
          200: ref('Recordings', RecordingListSchema, 'The recordings'),
          ...errors({ 401: ['UNAUTHORIZED'] }),
        },
      },
    },
    async () => ({ recordings: listRecordings(app.recordingsDir) }),
  );

  app.post(
    '/drills',
    {
      onRequest: app.auth.requireRole(...trainers),
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        operationId: 'importDrill',
        tags: ['drills'],
        summary: 'Load a log as a new drill',
        description:
          'Roles: commander, admin. Either an NDJSON body (`Content-Type: application/x-ndjson`, ' +
          'one envelope per line — a recording, an export of `live` from GET /api/v1/events — ' +
          'up to 2 GiB, read as it arrives) or JSON `{recording}` naming one of ' +
          'GET /api/v1/drills/recordings. Every line is checked against the event envelope ' +
          'schema; `seq` must rise by 1 from 1 (no renumbering) and the first event must be ' +
          '`assets.registered`. The first bad line is answered with its number and what is ' +
          'wrong, and nothing of the import is kept. The new drill stands paused at its first ' +
          'event, in its own stream `drill:<id>`.',
        security: bearer,
        querystring: ImportQuerySchema,
        body: {
          content: {
            'application/json': { schema: ImportRecordingSchema },
            [NDJSON]: {
              schema: Type.Unknown({
                description: 'NDJSON: one event envelope per line, seq 1, 2, 3, …',
                examples: [
                  '{"seq":1,"stream":"live","id":"evt-1","type":"assets.registered",' +
                    '"at":"2021-07-23T08:00:00+08:00","data":{"assets":[]}}\n',
                ],
              }),
            },
          },
        },
        response: {
          201: ref('Drill', DrillSchema, 'Imported, paused at its first event'),
          ...errors({
            401: ['UNAUTHORIZED'],
            403: ['NOT_ALLOWED_FOR_ROLE'],
            404: ['UNKNOWN_RECORDING'],
            413: ['BODY_TOO_LARGE'],
            415: ['UNSUPPORTED_MEDIA_TYPE'],
            503: ['LOG_UNAVAILABLE'],
          }),
          400: BadLineSchema(['BAD_DRILL_LINE', 'VALIDATION_FAILED', 'MALFORMED_BODY']),
          422: BadLineSchema(['BAD_DRILL_LINE']),
        },
      },
    },
    async (request, reply) => {
      const body: unknown = request.body;
      let source: ReturnType<typeof linesOf>;
      let meta: { name: string; source: string };
      if (request.headers['content-type']?.startsWith(NDJSON)) {
        const declared = Number(request.headers['content-length'] ?? 0);
        if (declared > UPLOAD_LIMIT) throw new UploadTooLarge(String(UPLOAD_LIMIT));
        source = linesOf(body as Readable, UPLOAD_LIMIT);
        meta = { name: request.query.name ?? 'upload', source: 'upload' };
      } else {
        if (!recordingRequest.Check(body)) {
          const first = recordingRequest.Errors(body).First();
          return reply.status(400).send({
            error: { code: 'VALIDATION_FAILED', message: `${first?.path}: ${first?.message}` },
          });
        }
        const file = recordingFile(app.recordingsDir, body.recording);
        source = linesOf(createReadStream(file), Infinity);
        meta = { name: body.name ?? body.recording, source: `recording:${body.recording}` };
      }
      try {
        return reply.status(201).send(await app.drills.import(source.lines, meta));
      } catch (error) {
        source.discard();
        if (!(error instanceof BadDrillLine)) throw error;
        const { code, message, line, statusCode } = error;
        return reply.status(statusCode).send({ error: { code, message, line } });
      }
    },
  );

  app.get(
    '/drills/:id',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'getDrill',
        tags: ['drills'],
        summary: 'One drill, with its clock',
        description: 'Any signed-in role.',
        security: bearer,
        params: IdParamsSchema,
        response: { 200: ref('Drill', DrillSchema, 'The drill'), ...errors(readErrors) },
      },
    },
    async (request) => app.drills.view(request.params.id),
  );

  app.get(
    '/drills/:id/marks',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'getDrillMarks',
        tags: ['drills'],
        summary: 'The alarms and incidents of the whole recording, for the timeline',
        description:
          'Any signed-in role. Every `alert.raised` and `alert.escalated` (at the severity it ' +
          'escalated to) and every `incident.reported` of the recording, from its first event ' +
          'to its last, whatever the clock says, so a trainer sees where the storm is worst ' +
          'before playing. A fork: its own stream up to its clock (the common past, then what ' +
          'the trainees and its own rules did), then what its original recorded after that ' +
          'clock. A recording is read once and remembered.',
        security: bearer,
        params: IdParamsSchema,
        response: { 200: ref('Marks', DrillMarksSchema, 'The marks'), ...errors(readErrors) },
      },
    },
    async (request) => app.drills.timelineMarks(request.params.id),
  );

  app.delete(
    '/drills/:id',
    {
      onRequest: app.auth.requireRole(...trainers),
      schema: {
        operationId: 'deleteDrill',
        tags: ['drills'],
        summary: 'Delete a drill and its stream',
        description: 'Roles: commander, admin. A drill with forks is kept (409) until they go.',
        security: bearer,
        params: IdParamsSchema,
        response: {
          204: Type.Null({ description: 'Deleted' }),
          ...errors(trainerErrors, { 409: ['DRILL_HAS_FORKS'] }),
        },
      },
    },
    async (request, reply) => {
      await app.drills.remove(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/drills/:id/clock',
    {
      onRequest: app.auth.requireRole(...trainers),
      schema: {
        operationId: 'setDrillClock',
        tags: ['drills'],
        summary: 'Play, pause, seek or change the speed of a drill',
        description:
          'Roles: commander, admin. `seek` needs `at` (clamped to the recording), `speed` needs ' +
          '`speed` (1–3600 drill seconds per second); `play` may carry a speed. Followers of ' +
          'the drill get its events as it plays and a fresh `snapshot` after a seek. A fork ' +
          'only moves forward (409 `FORK_CANNOT_REWIND`). Answers the clock and the seq of the ' +
          'picture there.',
        security: bearer,
        params: IdParamsSchema,
        body: ClockBodySchema,
        response: {
          200: ref('Clock', ClockAnswerSchema, 'The clock after the action'),
          ...errors(trainerErrors, {
            400: ['VALIDATION_FAILED', 'MALFORMED_BODY'],
            409: ['FORK_CANNOT_REWIND'],
          }),
        },
      },
    },
    async (request) => app.drills.setClock(request.params.id, request.body),
  );

  app.post(
    '/drills/:id/fork',
    {
      onRequest: app.auth.requireRole(...trainers),
      schema: {
        operationId: 'forkDrill',
        tags: ['drills'],
        summary: 'Fork a drill at its clock for trainees',
        description:
          'Roles: commander, admin. Pauses the drill and starts a new one from its picture at ' +
          'the clock T. As the fork plays, the recorded readings and storm positions after T ' +
          'keep arriving and are decided by the fork itself (its own alerts and signals); the ' +
          'recorded commands after T are withheld. Trainees command the fork through the ' +
          'ordinary API with `?stream=drill:<forkId>`.',
        security: bearer,
        params: IdParamsSchema,
        body: Type.Optional(ForkBodySchema),
        response: {
          201: ref('Drill', DrillSchema, 'The fork, paused at the clock'),
          ...errors(trainerErrors),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as Static<typeof ForkBodySchema> | undefined;
      return reply.status(201).send(await app.drills.fork(request.params.id, body?.name));
    },
  );
};

export default drills;
