import { Type, type Static } from '@sinclair/typebox';
import { AlertKindSchema, IncidentKindSchema, SeveritySchema } from '../model/vocabulary.js';
import type { AfterActionReport, ReportComparison } from '../report/after-action.js';

/** After-action reports as the server answers them (`GET /api/v1/reports`). */

const Ms = Type.Number({ description: 'epoch ms' });
const MaybeMs = Type.Union([Ms, Type.Null()]);
const MaybeNumber = Type.Union([Type.Number(), Type.Null()]);

/** The domain's `AfterActionReport` as a schema, for OpenAPI and fast serialisation. */
export const AfterActionReportSchema = Type.Object({
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
});

export const ComparisonSchema = Type.Array(
  Type.Object({
    metric: Type.String(),
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
const comparisonMatches: Same<
  Static<typeof ComparisonSchema>[number]['original'],
  ReportComparison['original']
> = true;
void reportMatches;
void comparisonMatches;
