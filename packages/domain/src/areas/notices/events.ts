import { Type } from '@sinclair/typebox';
import { ActorSchema, EntityIdSchema as EntityId } from '../../model/primitives.js';
import { IsoTimeSchema } from '../../model/primitives.js';
import { AudienceSchema } from './commands.js';

const receipt = { noticeId: EntityId, recipientId: EntityId };

/**
 * Notices to the compounds' property managers and the squads: issued to a resolved list of
 * recipients, then each recipient's receipt moves delivered → read → acknowledged, or goes
 * overdue at the deadline and is handed to the compound's 街镇 team.
 */
export const noticeEvents = {
  'notice.issued': Type.Object({
    noticeId: EntityId,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ maxLength: 4000 }),
    audience: AudienceSchema,
    /** Compound and squad ids, resolved from the audience when the notice was issued. */
    recipients: Type.Array(EntityId),
    /** Acknowledge by this time, or null for a notice that needs none. */
    ackBy: Type.Union([IsoTimeSchema, Type.Null()]),
    by: ActorSchema,
  }),
  'notice.delivered': Type.Object(receipt),
  'notice.read': Type.Object(receipt),
  'notice.acknowledged': Type.Object({
    ...receipt,
    note: Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]),
    by: ActorSchema,
  }),
  'notice.overdue': Type.Object({
    ...receipt,
    /** The 街镇 team told to call or visit, or null (a squad: its commander follows up). */
    teamId: Type.Union([EntityId, Type.Null()]),
  }),
} as const;
