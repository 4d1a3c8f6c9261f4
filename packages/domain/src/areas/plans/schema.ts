import { Type, type Static } from '@sinclair/typebox';
import { LatLngSchema, ProvenanceSchema } from '../../model/assets.js';
import {
  ResponseLevelSchema,
  SeveritySchema,
  SignalKindSchema,
  SpecialtySchema,
} from '../../model/vocabulary.js';

/**
 * The shape of `fixtures/xuhui/plans.json`: the graded plan, one part per response level (each
 * level adds its tasks to those of the levels below), and the special plans of the key areas.
 * The same schema checks the file at start and the `plans.registered` event in the log.
 */

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 40 });
const JiezhenCode = Type.String({ pattern: '^310104\\d{3}$' });

/** Who a task goes to: one unit, or every unit a selector picks (one task each). */
export const AssigneeSchema = Type.Union([
  Type.Object({ unit: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
  Type.Object(
    {
      /** Every 街镇 team, or those of the listed 街镇. */
      select: Type.Literal('jiezhen-teams'),
      jiezhen: Type.Optional(Type.Array(JiezhenCode, { minItems: 1 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      /** Every specialist squad of these specialties (e.g. the pump squads). */
      select: Type.Literal('squads'),
      specialties: Type.Array(SpecialtySchema, { minItems: 1 }),
    },
    { additionalProperties: false },
  ),
]);
export type Assignee = Static<typeof AssigneeSchema>;

/** Weak-spot types an inspection round covers (the `siteType` of `hazard-site` assets). */
export const SiteTypeSchema = Type.String({ pattern: '^[a-z][a-z-]*$', maxLength: 40 });

/**
 * An inspection round: the hazard sites of these types (in the assignee's own 街镇 when the
 * assignee is a 街镇 team; within `withinKm` of the plan's centre when given), or listed sites.
 */
export const InspectionSchema = Type.Object(
  {
    siteTypes: Type.Optional(Type.Array(SiteTypeSchema, { minItems: 1 })),
    siteIds: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
    withinKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 30 })),
  },
  { additionalProperties: false },
);
export type Inspection = Static<typeof InspectionSchema>;

export const PlaceSchema = Type.Composite([
  LatLngSchema,
  Type.Object({ name: Type.String({ minLength: 1 }) }),
]);

export const TaskDefSchema = Type.Object(
  {
    id: Id,
    title: Type.String({ minLength: 1, maxLength: 120 }),
    titleEn: Type.String({ minLength: 1, maxLength: 160 }),
    assignee: AssigneeSchema,
    /** Minutes after the plan's activation by which the task is due. */
    dueMinutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }),
    place: Type.Optional(PlaceSchema),
    inspect: Type.Optional(InspectionSchema),
    provenance: ProvenanceSchema,
  },
  { additionalProperties: false },
);
export type TaskDef = Static<typeof TaskDefSchema>;

/**
 * What sets a key-area plan off; any one suffices. A signal is `local` (floodnet's estimate from
 * its own gauges) or `official` (issued by the weather bureau or the hydrological service).
 */
export const TriggerSchema = Type.Union([
  Type.Object({ level: ResponseLevelSchema }, { additionalProperties: false }),
  Type.Object(
    {
      signal: SignalKindSchema,
      atLeast: SeveritySchema,
      source: Type.Union([Type.Literal('local'), Type.Literal('official')]),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { tideAtLeastM: Type.Number({ minimum: 0, maximum: 10 }) },
    { additionalProperties: false },
  ),
]);
export type Trigger = Static<typeof TriggerSchema>;

const planCommon = {
  id: Id,
  name: Type.String({ minLength: 1 }),
  nameEn: Type.String({ minLength: 1 }),
  provenance: ProvenanceSchema,
  tasks: Type.Array(TaskDefSchema, { minItems: 1 }),
};

export const GradedPlanSchema = Type.Object(
  { ...planCommon, kind: Type.Literal('graded'), level: ResponseLevelSchema },
  { additionalProperties: false },
);
export const KeyAreaPlanSchema = Type.Object(
  {
    ...planCommon,
    kind: Type.Literal('key-area'),
    /** The `key-area` feature's id in key-areas.geojson. */
    keyAreaId: Type.String({ minLength: 1 }),
    centre: LatLngSchema,
    triggers: Type.Array(TriggerSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export const PlanSchema = Type.Union([GradedPlanSchema, KeyAreaPlanSchema]);
export type Plan = Static<typeof PlanSchema>;
export type GradedPlan = Static<typeof GradedPlanSchema>;
export type KeyAreaPlan = Static<typeof KeyAreaPlanSchema>;

export const PlansFileSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    note: Type.Optional(Type.String()),
    plans: Type.Array(PlanSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type PlansFile = Static<typeof PlansFileSchema>;
