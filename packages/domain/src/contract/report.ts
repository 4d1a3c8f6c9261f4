import { Type, type Static } from '@sinclair/typebox';
import { AlertKindSchema, IncidentKindSchema, SeveritySchema } from '../model/vocabulary.js';
import type { AfterActionReport, ReportComparison } from '../report/after-action.js';
import { ReturnedItemsSchema as QuantitiesSchema } from '../areas/materials/commands.js';

/** After-action reports as the server answers them (`GET /api/v1/reports`). */

const Ms = Type.Number({ description: 'epoch ms' });
const MaybeMs = Type.Union([Ms, Type.Null()]);
const MaybeNumber = Type.Union([Type.Number(), Type.Null()]);

/** The domain's `AfterActionReport` as a schema, for OpenAPI and fast serialisation. */
const count = Type.Record(Type.String(), Type.Number());
/** The plans part: tasks per unit on time / late / never done, findings, people moved. */
const PlanSectionSchema = Type.Object({
  plansActivated: Type.Number(),
  units: Type.Array(
    Type.Object({
      unitId: Type.String(),
      issued: Type.Number(),
      onTime: Type.Number(),
      late: Type.Number(),
      neverDone: Type.Number(),
    }),
  ),
  findings: Type.Array(
    Type.Object({
      taskId: Type.String(),
      siteId: Type.Union([Type.String(), Type.Null()]),
      result: Type.Union([Type.Literal('fine'), Type.Literal('hazard')]),
      note: Type.Union([Type.String(), Type.Null()]),
      at: Type.Number(),
    }),
  ),
  hazardsFound: Type.Number(),
  hazardsFixed: Type.Number(),
  people: Type.Object({
    moved: Type.Number(),
    returned: Type.Number(),
    byDay: count,
    byJiezhen: count,
  }),
});

export const AfterActionReportSchema = Type.Object({
  plans: PlanSectionSchema,
  stream: Type.String(),
  from: MaybeMs,
  to: MaybeMs,
  incidents: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: IncidentKindSchema,
      pointId: Type.Union([Type.String(), Type.Null()]),
      reportedAt: Ms,
      assignedAt: MaybeMs,
      onSceneAt: MaybeMs,
      resolvedAt: MaybeMs,
      minutesToAssign: MaybeNumber,
    }),
  ),
  alarms: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: AlertKindSchema,
      subjectId: Type.String(),
      severity: SeveritySchema,
      raisedAt: Ms,
      acknowledgedAt: MaybeMs,
      minutesToAcknowledge: MaybeNumber,
    }),
  ),
  forecasts: Type.Array(
    Type.Object({
      forecastId: Type.String(),
      sensorId: Type.String(),
      issuedAt: Ms,
      expectedAt: Ms,
      expectedPeak: Type.Number(),
      threshold: Type.Number(),
      observedAt: MaybeMs,
      leadMin: MaybeNumber,
      timingErrorMin: MaybeNumber,
      observedPeak: MaybeNumber,
      peakError: MaybeNumber,
    }),
    { description: 'forecast crossings against the observed ones: lead time and error' },
  ),
  utilisation: Type.Array(
    Type.Object({
      hourStart: Ms,
      busyUnitHours: Type.Number({ description: 'unit-hours away from standby' }),
      share: Type.Number({ description: 'share of all units busy over the hour, 0–1' }),
    }),
  ),
  summary: Type.Object({
    incidents: Type.Integer(),
    meanMinutesToAssign: MaybeNumber,
    worstMinutesToAssign: MaybeNumber,
    openAtEnd: Type.Integer(),
    alarms: Type.Integer(),
    meanMinutesToAcknowledge: MaybeNumber,
    unacknowledgedAtEnd: Type.Integer(),
    deepestWaterloggingCm: Type.Number(),
    deepestAt: Type.Union([Type.String(), Type.Null()]),
  }),
  movement: Type.Object({
    travel: Type.Array(
      Type.Object({
        squadId: Type.String(),
        incidentId: Type.String(),
        assignedAt: Ms,
        onSceneAt: MaybeMs,
        minutes: MaybeNumber,
      }),
      { description: 'each drive from assignment to arrival on scene' },
    ),
    meanTravelMinutes: MaybeNumber,
    materialsUsed: Type.Array(Type.Object({ incidentId: Type.String(), used: QuantitiesSchema }), {
      description: 'materials that did not come back, per incident',
    }),
    checkInsMissed: Type.Array(
      Type.Object({
        squadId: Type.String(),
        alertId: Type.String(),
        raisedAt: Ms,
        critical: Type.Boolean(),
      }),
    ),
  }),
});

export const ComparisonSchema = Type.Array(
  Type.Object({
    metric: Type.KeyOf(AfterActionReportSchema.properties.summary, {
      description: 'a summary figure of the report',
    }),
    original: Type.Union([Type.Number(), Type.String(), Type.Null()]),
    fork: Type.Union([Type.Number(), Type.String(), Type.Null()]),
  }),
);

export const ReportAnswerSchema = Type.Object({
  stream: Type.String(),
  clockAt: Type.Union([Type.String(), Type.Null()], {
    description: 'the time the report runs to: a drill’s clock, the newest event of live',
  }),
  report: AfterActionReportSchema,
  original: Type.Optional(
    Type.Object(
      { stream: Type.String(), report: AfterActionReportSchema },
      { description: 'a fork only: its parent up to the same time' },
    ),
  ),
  comparison: Type.Optional(ComparisonSchema),
});
export type ReportAnswer = Static<typeof ReportAnswerSchema>;

// The schema and the domain's types must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const reportMatches: Same<Static<typeof AfterActionReportSchema>, AfterActionReport> = true;
const comparisonMatches: Same<Static<typeof ComparisonSchema>[number], ReportComparison> = true;
void reportMatches;
void comparisonMatches;
