import { Type, type Static } from '@sinclair/typebox';
import { ISO_TIME_FORMAT, WIRE_TIME_FORMAT, WIRE_TIME_PATTERN } from '../time.js';
import { ActorRoleSchema } from './vocabulary.js';

/**
 * An ISO-8601 time with an explicit offset, e.g. `2021-07-25T12:30:00+08:00`. The format runs the
 * strict parser (`parseIsoTime`): 2021-02-30, T25:00 or +99:99 match the pattern but not a day.
 */
export const IsoTimeSchema = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
  format: ISO_TIME_FORMAT,
  maxLength: 40,
  description: 'ISO-8601 time with an offset, a real instant (no month 13, no 30 February)',
});

/**
 * A time as every answer writes it: ISO 8601 in Asia/Shanghai, to the second, e.g.
 * `2021-07-25T12:30:00+08:00`. Inputs may carry any offset or a fraction (`IsoTimeSchema`);
 * floodnet normalises them to this on the way in (`normaliseIsoTime`).
 */
export const WireTimeSchema = Type.String({
  format: WIRE_TIME_FORMAT,
  pattern: WIRE_TIME_PATTERN,
  description: 'ISO-8601 time in +08:00, to the second, e.g. 2021-07-25T12:30:00+08:00',
});

/** A time inside the fold's picture: epoch milliseconds (the wire form is `WireTimeSchema`). */
export const EpochMsSchema = Type.Integer({ description: 'epoch milliseconds' });

/** Who did something: a person with a role, a gauge network (`source`), or floodnet itself. */
export const ActorSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  role: ActorRoleSchema,
  /** The one compound a `compound` account acts for. */
  compoundId: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  /** The one team or squad a `squad` account acts for. */
  squadId: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
});
export type Actor = Static<typeof ActorSchema>;

export const StreamNameSchema = Type.String({
  pattern: '^(live|drill:[a-z0-9-]{1,64})$',
  description: '`live` or `drill:<id>`',
});

/** The id of an asset, incident, alert or other entity, as given by a client or floodnet. */
export const EntityIdSchema = Type.String({ minLength: 1, maxLength: 120 });

export function actorLabel(actor: Actor): string {
  return `${actor.name} (${actor.role})`;
}
