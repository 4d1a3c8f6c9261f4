import { Type } from '@sinclair/typebox';
import { LatLngSchema } from '../../model/assets.js';
import { ActorSchema, EntityIdSchema as EntityId } from '../../model/primitives.js';
import { IncidentKindSchema, SquadStatusSchema } from '../../model/vocabulary.js';

/** Incidents and the teams and squads sent to them. */
export const incidentEvents = {
  'incident.reported': Type.Object({
    incidentId: EntityId,
    kind: IncidentKindSchema,
    location: LatLngSchema,
    pointId: Type.Union([EntityId, Type.Null()]),
    description: Type.String({ maxLength: 2000 }),
    by: ActorSchema,
  }),
  'squad.assigned': Type.Object({ squadId: EntityId, incidentId: EntityId, by: ActorSchema }),
  'squad.statusChanged': Type.Object({
    squadId: EntityId,
    status: SquadStatusSchema,
    by: ActorSchema,
  }),
  'incident.resolved': Type.Object({ incidentId: EntityId, by: ActorSchema }),
} as const;
