import { Type, type Static } from '@sinclair/typebox';
import { EntityIdSchema as EntityId } from '../../model/primitives.js';

const jiezhenCode = Type.String({ pattern: '^310104\\d{3}$' });

/**
 * Who a notice is for. The compound criteria narrow one another (`lowLying` and
 * `undergroundGarage` together: low-lying compounds with a garage); `all` takes every compound;
 * `compoundIds` and `squadIds` add named recipients on top.
 */
export const AudienceSchema = Type.Object(
  {
    all: Type.Optional(Type.Boolean()),
    jiezhen: Type.Optional(Type.Array(jiezhenCode, { minItems: 1, maxItems: 13 })),
    lowLying: Type.Optional(Type.Boolean()),
    undergroundGarage: Type.Optional(Type.Boolean()),
    compoundIds: Type.Optional(Type.Array(EntityId, { minItems: 1, maxItems: 1000 })),
    squadIds: Type.Optional(Type.Array(EntityId, { minItems: 1, maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type Audience = Static<typeof AudienceSchema>;

export const IssueNoticeBodySchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ maxLength: 4000 }),
    audience: AudienceSchema,
    ackWithinMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 })),
  },
  { additionalProperties: false },
);
export const AcknowledgeNoticeBodySchema = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

const receipt = { noticeId: EntityId, recipientId: EntityId };

export const noticeCommands = [
  Type.Composite([Type.Object({ type: Type.Literal('issueNotice') }), IssueNoticeBodySchema]),
  Type.Object({ type: Type.Literal('markNoticeDelivered'), ...receipt }),
  Type.Object({ type: Type.Literal('readNotice'), ...receipt }),
  Type.Object({
    type: Type.Literal('acknowledgeNotice'),
    ...receipt,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  }),
  Type.Object({ type: Type.Literal('checkNotices') }),
] as const;
