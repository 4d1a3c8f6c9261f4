import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  boundUnit,
  CompoundReportBodySchema,
  COMPOUND_REPORT_KINDS,
  toShanghaiIso,
} from '@floodnet/domain';
import { actorOf } from '../../plugins/auth.js';
import { IdempotencyHeadersSchema, once } from '../idempotency.js';
import { bearer, commandErrors, errors, StreamQuerySchema, withExample } from '../schemas.js';
import { createdId } from '../commands.js';

const ReportViewSchema = Type.Object({
  id: Type.String(),
  compoundId: Type.String(),
  kind: Type.Union(COMPOUND_REPORT_KINDS.map((kind) => Type.Literal(kind))),
  depthCm: Type.Union([Type.Number(), Type.Null()]),
  where: Type.Union([Type.Literal('entrance'), Type.Literal('garage'), Type.Null()]),
  people: Type.Union([Type.Integer(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
  by: Type.String(),
});

/** Reports from the property managers' phones, and each compound's own history. */
const compoundReports: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/compound-reports',
    {
      onRequest: app.auth.authenticate,
      schema: {
        tags: ['compounds'],
        operationId: 'reportFromCompound',
        summary: "Report from a compound (the caller's own)",
        description:
          'Role: compound. Water over 15 cm (at the entrance or in the garage), a flooded ' +
          'garage, people to move or a power cut raises an alert at the compound on the duty ' +
          "officer's map; `all-clear` clears it. Send an `Idempotency-Key` to resend safely.",
        security: bearer,
        querystring: StreamQuerySchema,
        headers: IdempotencyHeadersSchema,
        body: withExample(CompoundReportBodySchema, {
          kind: 'water-depth',
          depthCm: 30,
          where: 'garage',
        }),
        response: {
          201: Type.Object({ id: Type.String(), seq: Type.Integer() }),
          ...errors({ ...commandErrors, 404: ['UNKNOWN_COMPOUND'] }),
        },
      },
    },
    async (request, reply) => {
      const answer = await once(request, async (eventId) => {
        const actor = actorOf(request);
        const stream = request.query.stream ?? 'live';
        const engine = app.engine.get(stream);
        // Resent after a restart: the log already holds the report under the key.
        if (eventId && app.eventLog.existingIds(stream, [eventId]).size > 0) {
          const held = Object.values(engine.state.compoundReports).find(
            (r) => r.requestId === eventId,
          );
          return { id: held?.id ?? eventId, seq: engine.state.seq };
        }
        const { events, seq } = await engine.execute(
          {
            type: 'reportFromCompound',
            compoundId: boundUnit(actor) ?? actor.name,
            ...(eventId ? { requestId: eventId } : {}),
            ...request.body,
          },
          actor,
        );
        return { id: createdId(events, 'compound.reported', (event) => event.data.reportId), seq };
      });
      return reply.status(201).send(answer);
    },
  );

  app.get(
    '/compound-reports',
    {
      onRequest: app.auth.authenticate,
      schema: {
        tags: ['compounds'],
        operationId: 'listCompoundReports',
        summary: 'Reports from compounds, newest first (a compound account: its own)',
        security: bearer,
        querystring: Type.Composite([
          StreamQuerySchema,
          Type.Object({ compoundId: Type.Optional(Type.String({ maxLength: 120 })) }),
        ]),
        response: {
          200: Type.Object({ reports: Type.Array(ReportViewSchema) }),
          ...errors({ 401: ['UNAUTHORIZED'], 404: ['UNKNOWN_STREAM'] }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { state } = app.engine.get(request.query.stream ?? 'live');
      const only = actor.role === 'compound' ? boundUnit(actor) : request.query.compoundId;
      const reports = Object.values(state.compoundReports)
        .filter((report) => only === undefined || report.compoundId === only)
        .reverse()
        .slice(0, 500)
        .map(({ requestId: _requestId, ...report }) => ({
          ...report,
          at: toShanghaiIso(report.at),
        }));
      return { reports };
    },
  );
};

export default compoundReports;
