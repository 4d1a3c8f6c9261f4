import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  changesIn,
  handoverReport,
  HandoverBodySchema,
  toShanghaiIso,
  type State,
} from '@floodnet/domain';
import { bearer, commandErrors, errors, StreamQuerySchema, withExample } from '../schemas.js';
import { CommandAckSchema } from '@floodnet/domain';
import { handoverHtml } from './html.js';
import { executeAsCaller } from '../commands.js';

const JIEZHEN: Record<string, string> = {
  '310104003': '天平路街道',
  '310104004': '湖南路街道',
  '310104007': '斜土路街道',
  '310104008': '枫林路街道',
  '310104010': '长桥街道',
  '310104011': '田林街道',
  '310104012': '虹梅路街道',
  '310104013': '康健新村街道',
  '310104014': '徐家汇街道',
  '310104015': '凌云路街道',
  '310104016': '龙华街道',
  '310104017': '漕河泾街道',
  '310104103': '华泾镇',
  none: '区外',
};

/** Shift handover (交接班): the report the outgoing commander prints, and its recording. */
const handover: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/handover',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'handoverReport',
        tags: ['state'],
        summary: 'The shift handover report',
        description:
          'Open incidents, overdue tasks, signals and levels in force, plans active, hazards, ' +
          'people moved, and what changed since the last recorded handover (with its note). ' +
          '`?format=html` gives the same as one printable page.',
        security: bearer,
        querystring: Type.Object({
          stream: StreamQuerySchema.properties.stream,
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')])),
        }),
        response: {
          200: Type.Unknown({ description: 'The report (JSON), or the page (text/html)' }),
          ...errors({ 400: ['VALIDATION_FAILED'], 401: ['UNAUTHORIZED'], 404: ['UNKNOWN_STREAM'] }),
        },
      },
    },
    async (request, reply) => {
      const stream = request.query.stream ?? 'live';
      const engine = app.engine.get(stream);
      const state = engine.state;
      const previous = state.handovers.at(-1);
      const since = previous?.seq ?? 0;
      const changes = changesIn(
        app.eventLog.iterate(stream, since, state.seq),
        previous ? toShanghaiIso(previous.at) : null,
      );
      const report = handoverReport(state, engine.clock.now(), changes);
      if (request.query.format === 'html')
        return reply.type('text/html; charset=utf-8').send(handoverHtml(report, namer(state)));
      return report;
    },
  );

  app.post(
    '/handovers',
    {
      onRequest: app.auth.authenticate,
      schema: {
        operationId: 'recordHandover',
        tags: ['commands'],
        summary: 'Record the shift handover',
        description:
          'Roles: duty, commander, admin. The note is what the outgoing commander tells the ' +
          'incoming one; the next report shows it and counts what changed from here.',
        security: bearer,
        querystring: StreamQuerySchema,
        body: withExample(HandoverBodySchema, {
          note: '龙华港泵闸2号泵故障，已报修；滨江清场完毕。',
        }),
        response: { 201: CommandAckSchema, ...errors(commandErrors) },
      },
    },
    async (request, reply) => {
      const { seq } = await executeAsCaller(app, request, {
        type: 'handOverShift',
        note: request.body.note,
      });
      return reply.status(201).send({ seq });
    },
  );
};

function namer(state: State) {
  return (id: string) =>
    JIEZHEN[id] ?? (Object.hasOwn(state.assets, id) ? state.assets[id]!.name : id);
}

export default handover;
