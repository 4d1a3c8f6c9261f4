import { Type, type Static } from '@sinclair/typebox';
import { ActorRoleSchema } from './vocabulary.js';

/** An ISO-8601 time with an explicit offset, e.g. `2021-07-25T12:30:00+08:00`. */
export const IsoTimeSchema = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'ISO-8601 time with an offset',
});

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
