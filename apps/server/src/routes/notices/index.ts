import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AcknowledgeNoticeBodySchema,
  boundUnit,
  IssueNoticeBodySchema,
  NoticeIssuedSchema,
  type Actor,
  type Command,
} from '@floodnet/domain';
import { NotFound } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { IdempotencyHeadersSchema, once } from '../idempotency.js';
import {
  bearer,
  commandErrors,
  errors,
  IdParamsSchema,
  ref,
  StreamQuerySchema,
  withExample,
} from '../schemas.js';
import { CommandAckSchema } from '@floodnet/domain';
import { NoticeDetailSchema, noticeBoard, noticeDetail, NoticeSummarySchema } from './views.js';
import { executeAsCaller } from '../commands.js';

const RECEIPT_STEPS = {
  delivered: {
    type: 'markNoticeDelivered',
    summary: "Mark a notice delivered (the recipient's screen, on receipt)",
  },
  read: { type: 'readNotice', summary: 'Mark a notice read' },
  ack: { type: 'acknowledgeNotice', summary: 'Acknowledge a notice' },
} as const;

/** The compound or squad a receipt is for: always the caller's own. */
const recipientOf = (actor: Actor) => boundUnit(actor) ?? actor.name;

/** Notices to the compounds and squads, their receipts, and the board of who has answered. */
const notices: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/notices',
    {
      onRequest: app.auth.authenticate,
      schema: {
        tags: ['notices'],
        operationId: 'issueNotice',
        summary: 'Issue a notice to compounds and squads',
        description:
          'Roles: duty, commander, admin. Compound criteria (`all`, `jiezhen`, `lowLying`, ' +
          '`undergroundGarage`) narrow one another; `compoundIds` and `squadIds` add named ' +
          'recipients. A recipient silent past `ackWithinMinutes` goes `notice.overdue` and its ' +
          '街镇 team gets a follow-up alert.',
        security: bearer,
        querystring: StreamQuerySchema,
        body: withExample(IssueNoticeBodySchema, {
          title: '低洼小区地下车库车辆撤离',
          body: '台风“烟花”临近，请立即组织地下车库车辆撤离至地面高处。',
          audience: { lowLying: true, undergroundGarage: true },
          ackWithinMinutes: 30,
        }),
        response: {
          201: ref('NoticeIssued', NoticeIssuedSchema, 'Issued'),
          ...errors({ ...commandErrors, 422: ['UNKNOWN_RECIPIENT', 'NO_RECIPIENTS'] }),
        },
      },
    },
    async (request, reply) => {
      const command: Command = { type: 'issueNotice', ...request.body };
      const { events, seq } = await executeAsCaller(app, request, command);
      const issued = events.find((event) => event.type === 'notice.issued');
      if (issued?.type !== 'notice.issued') throw new Error('issueNotice issued nothing');
      return reply
        .status(201)
        .send({ id: issued.data.noticeId, recipients: issued.data.recipients.length, seq });
    },
  );

  app.get(
    '/notices',
    {
      onRequest: app.auth.authenticate,
      schema: {
        tags: ['notices'],
        operationId: 'listNotices',
        summary: 'The notices board (or, for a compound or squad, its own inbox)',
        description:
          'Newest first, each with how many of how many recipients have acknowledged and who ' +
          'is late. A `compound` or `squad` account sees only the notices sent to it, with its ' +
          'own receipt alone in the counts.',
        security: bearer,
        querystring: StreamQuerySchema,
        response: {
          200: Type.Object({ notices: Type.Array(NoticeSummarySchema) }),
          ...errors({ 401: ['UNAUTHORIZED'], 404: ['UNKNOWN_STREAM'] }),
        },
      },
    },
    async (request) => {
      const engine = app.engine.get(request.query.stream ?? 'live');
      return { notices: noticeBoard(engine.state, actorOf(request), engine.clock.now()) };
    },
  );

  app.get(
    '/notices/:id',
    {
      onRequest: app.auth.authenticate,
      schema: {
        tags: ['notices'],
        operationId: 'getNotice',
        summary: 'One notice with every receipt (a compound or squad: its own)',
        security: bearer,
        params: IdParamsSchema,
        querystring: StreamQuerySchema,
        response: {
          200: NoticeDetailSchema,
          ...errors({ 401: ['UNAUTHORIZED'], 404: ['NOT_FOUND'] }),
        },
      },
    },
    async (request) => {
      const engine = app.engine.get(request.query.stream ?? 'live');
      const detail = noticeDetail(
        engine.state,
        actorOf(request),
        request.params.id,
        engine.clock.now(),
      );
      if (!detail) throw new NotFound('notice', request.params.id);
      return detail;
    },
  );

  for (const [step, { type, summary }] of Object.entries(RECEIPT_STEPS)) {
    app.post(
      `/notices/:id/${step}`,
      {
        onRequest: app.auth.authenticate,
        schema: {
          tags: ['notices'],
          operationId: `${type}`,
          summary,
          description:
            'Roles: compound, squad (for its own receipt). Earlier steps missing from the ' +
            'receipt are recorded first, so it always reads delivered → read → acknowledged.',
          security: bearer,
          params: IdParamsSchema,
          querystring: StreamQuerySchema,
          headers: IdempotencyHeadersSchema,
          ...(step === 'ack' ? { body: AcknowledgeNoticeBodySchema } : {}),
          response: {
            200: CommandAckSchema,
            ...errors({
              ...commandErrors,
              403: ['NOT_ALLOWED_FOR_ROLE', 'NOT_A_RECIPIENT'],
              404: ['UNKNOWN_NOTICE'],
              409: ['NOTICE_ALREADY_ACKNOWLEDGED'],
            }),
          },
        },
      },
      async (request) =>
        once(request, async () => {
          const actor = actorOf(request);
          const note = (request.body as { note?: string } | undefined)?.note;
          const command = {
            type,
            noticeId: request.params.id,
            recipientId: recipientOf(actor),
            ...(type === 'acknowledgeNotice' && note !== undefined ? { note } : {}),
          } as Command;
          const { seq } = await app.engine.execute(request.query.stream ?? 'live', command, actor);
          return { seq };
        }),
    );
  }
};

export default notices;
