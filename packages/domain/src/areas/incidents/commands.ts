import { Type } from '@sinclair/typebox';
import { LatLngSchema } from '../../model/assets.js';
import { EntityIdSchema as EntityId } from '../../model/primitives.js';
import { IncidentKindSchema, SquadStatusSchema } from '../../model/vocabulary.js';

export const ReportIncidentBodySchema = Type.Object(
  {
    kind: IncidentKindSchema,
    location: LatLngSchema,
    pointId: Type.Optional(EntityId),
    description: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export const AssignSquadBodySchema = Type.Object(
  { squadId: EntityId },
  { additionalProperties: false },
);
export const SquadStatusBodySchema = Type.Object(
  { status: SquadStatusSchema },
  { additionalProperties: false },
);

export const incidentCommands = [
  Type.Composite([Type.Object({ type: Type.Literal('reportIncident') }), ReportIncidentBodySchema]),
  Type.Object({ type: Type.Literal('assignSquad'), incidentId: EntityId, squadId: EntityId }),
  Type.Object({ type: Type.Literal('resolveIncident'), incidentId: EntityId }),
  Type.Object({
    type: Type.Literal('changeSquadStatus'),
    squadId: EntityId,
    status: SquadStatusSchema,
  }),
] as const;
