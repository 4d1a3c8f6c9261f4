import { Type, type TNull, type TSchema, type TUnion } from '@sinclair/typebox';
import { MaterialTypeSchema } from '../model/assets.js';
import { SeveritySchema, WarningKindSchema } from '../model/vocabulary.js';
import { AudienceSchema } from '../areas/notices/commands.js';
import { CompoundReportKindSchema } from '../areas/compounds/commands.js';
import { PlanSchema } from '../areas/plans/schema.js';

/**
 * The slices of the areas added after the first five (plans, evacuation, handover, notices,
 * compounds, webhooks, movement, materials, check-ins, warnings, forecasts), each a function of
 * the schema a time takes: epoch milliseconds inside the fold, the wire's ISO text in answers.
 * `state-schema.ts` puts them together; `contract.test.ts` proves they match the area types.
 */

export const maybe = <T extends TSchema>(schema: T): TUnion<[T, TNull]> =>
  Type.Union([schema, Type.Null()]);
const MaybeString = maybe(Type.String());
const MaybeNumber = maybe(Type.Number());
const byId = <T extends TSchema>(value: T, description: string) =>
  Type.Record(Type.String(), value, { description });
/** `[time, value]` pairs, oldest first. */
export const seriesOf = <T extends TSchema>(Time: T) =>
  Type.Array(Type.Tuple([Time, Type.Number()]));
const Quantities = Type.Partial(Type.Record(MaterialTypeSchema, Type.Number()));

export function planSlices<T extends TSchema>(Time: T) {
  const Task = Type.Object({
    id: Type.String(),
    planId: Type.String(),
    activationId: Type.String(),
    assigneeId: Type.String(),
    title: Type.String(),
    titleEn: Type.String(),
    issuedAt: Time,
    dueAt: Time,
    place: maybe(Type.Object({ lat: Type.Number(), lng: Type.Number(), name: Type.String() })),
    siteIds: Type.Array(Type.String()),
    acknowledgedAt: maybe(Time),
    acknowledgedBy: MaybeString,
    completedAt: maybe(Time),
    completedBy: MaybeString,
    note: MaybeString,
    finding: maybe(
      Type.Object({
        result: Type.Union([Type.Literal('fine'), Type.Literal('hazard')]),
        siteId: Type.Optional(Type.String()),
        note: Type.Optional(Type.String()),
      }),
    ),
    overdueAt: maybe(Time),
    stoodDownAt: maybe(Time),
  });
  return {
    plans: Type.Object(
      { version: Type.Integer(), list: Type.Array(PlanSchema) },
      { description: 'the registered plans and their version' },
    ),
    activePlans: byId(
      Type.Object({
        planId: Type.String(),
        activationId: Type.String(),
        activatedAt: Time,
        reasons: Type.Array(Type.String()),
      }),
      'plans in force, by plan id',
    ),
    activations: byId(Type.Integer(), 'how many times each plan has been activated'),
    tasks: byId(Task, 'every task a plan issued, by id'),
    hazards: byId(
      Type.Object({
        siteId: Type.String(),
        note: Type.String(),
        foundAt: Time,
        taskId: Type.String(),
      }),
      'weak spots an inspection found wanting, by site id',
    ),
  };
}

export function evacuationSlices<T extends TSchema>(Time: T) {
  return {
    evacuations: byId(
      Type.Object({
        id: Type.String(),
        fromId: Type.String(),
        toSiteId: Type.String(),
        people: Type.Integer(),
        jiezhen: MaybeString,
        movedAt: Time,
        returnedAt: maybe(Time),
      }),
      'every move of people to a resettlement site, by id',
    ),
    occupancy: byId(Type.Integer(), 'people at each resettlement site now'),
  };
}

export function handoverSlices<T extends TSchema>(Time: T) {
  const Handover = Type.Object({
    id: Type.String(),
    at: Time,
    by: Type.String(),
    note: Type.String(),
    seq: Type.Integer({ description: 'the stream position of the handover' }),
    summary: Type.Object({
      openIncidents: Type.Integer(),
      openTasks: Type.Integer(),
      overdueTasks: Type.Integer(),
      peopleAtSites: Type.Integer(),
      hazards: Type.Integer(),
    }),
  });
  return { handovers: Type.Array(Handover, { description: 'shift handovers, oldest first' }) };
}

export function noticeSlices<T extends TSchema>(Time: T) {
  const Receipt = Type.Object({
    delivered: maybe(Time),
    read: maybe(Time),
    acknowledged: maybe(Time),
    overdue: maybe(Time),
    followUpTeamId: MaybeString,
    note: MaybeString,
  });
  const Notice = Type.Object({
    id: Type.String(),
    title: Type.String(),
    body: Type.String(),
    audience: AudienceSchema,
    issuedAt: Time,
    issuedBy: Type.String(),
    ackBy: maybe(Time),
    recipients: byId(Receipt, 'each recipient’s receipt'),
  });
  return {
    notices: byId(Notice, 'every notice issued, by id'),
    noticeCount: Type.Integer(),
  };
}

export function compoundSlices<T extends TSchema>(Time: T) {
  const Report = Type.Object({
    id: Type.String(),
    compoundId: Type.String(),
    kind: CompoundReportKindSchema,
    depthCm: MaybeNumber,
    where: maybe(Type.Union([Type.Literal('entrance'), Type.Literal('garage')])),
    people: MaybeNumber,
    text: MaybeString,
    at: Time,
    by: Type.String(),
    requestId: MaybeString,
  });
  return {
    compoundReports: byId(Report, 'every report from a residential compound, by id'),
    reportsByCompound: byId(Type.Array(Type.String()), 'report ids per compound, oldest first'),
    compoundReportCount: Type.Integer(),
  };
}

export function webhookSlices<T extends TSchema>(Time: T) {
  const Webhook = Type.Object({
    id: Type.String(),
    url: Type.String(),
    events: Type.Array(Type.String()),
    registeredSeq: Type.Integer(),
    deliveredSeq: Type.Integer(),
    delivered: Type.Integer(),
    failing: maybe(
      Type.Object({
        eventId: Type.String(),
        attempts: Type.Integer(),
        status: MaybeNumber,
        error: Type.String(),
        at: Time,
      }),
    ),
    registeredAt: Time,
  });
  return { webhooks: byId(Webhook, 'registered webhooks, by id') };
}

export function movementSlices<T extends TSchema>(Time: T) {
  const Position = Type.Object({
    lat: Type.Number(),
    lng: Type.Number(),
    at: Time,
    speedKmh: MaybeNumber,
    headingDeg: MaybeNumber,
    intervalMs: Type.Number({ description: 'mean gap between fixes, in milliseconds' }),
    flagged: Type.Integer(),
  });
  return { positions: byId(Position, 'each unit’s last believed fix, by unit id') };
}

export function materialSlices<T extends TSchema>(Time: T) {
  const Request = Type.Object({
    id: Type.String(),
    incidentId: Type.String(),
    fromId: Type.String(),
    items: Quantities,
    vehicleId: MaybeString,
    status: Type.Union([
      Type.Literal('requested'),
      Type.Literal('dispatched'),
      Type.Literal('delivered'),
      Type.Literal('returned'),
      Type.Literal('used-up'),
    ]),
    requestedAt: Time,
    dispatchedAt: maybe(Time),
    deliveredAt: maybe(Time),
    closedAt: maybe(Time),
    returned: Quantities,
    used: Quantities,
  });
  return {
    materialRequests: byId(Request, 'every request for materials, by id'),
    materialsOut: byId(Quantities, 'what each store has out, by store id'),
    materialsUsed: byId(Quantities, 'used up for good, by store id'),
    materialRequestCount: Type.Integer(),
  };
}

export function checkInSlices<T extends TSchema>(Time: T) {
  return {
    checkIns: byId(
      Type.Object({ incidentId: Type.String(), lastAt: Time, count: Type.Integer() }),
      'the last check-in of each squad, by squad id',
    ),
  };
}

export function warningSlices<T extends TSchema>(Time: T) {
  const Warning = Type.Object({
    id: Type.String(),
    kind: WarningKindSchema,
    level: SeveritySchema,
    sender: Type.String(),
    event: Type.String(),
    headline: Type.String(),
    description: Type.String(),
    areaDesc: Type.String(),
    sentAt: Time,
    onsetAt: Time,
    expiresAt: Time,
    identifiers: Type.Array(Type.String()),
    inForce: Type.Boolean(),
    endedAt: maybe(Time),
    endReason: maybe(Type.Union([Type.Literal('cancelled'), Type.Literal('expired')])),
  });
  return {
    warnings: byId(Warning, 'official warnings through their CAP life, by id'),
    warningByMessage: byId(Type.String(), 'CAP identifier → warning id'),
  };
}

export function forecastSlices<T extends TSchema>(Time: T) {
  const Forecast = Type.Object({
    id: Type.String(),
    sensorId: Type.String(),
    issuedAt: Time,
    series: seriesOf(Time),
    crossing: maybe(
      Type.Object({
        at: Time,
        threshold: Type.Number(),
        peak: Type.Number(),
        peakAt: Time,
        severity: SeveritySchema,
      }),
    ),
    observed: maybe(
      Type.Object({
        at: Time,
        value: Type.Number(),
        leadMin: Type.Number(),
        timingErrorMin: Type.Number(),
      }),
    ),
  });
  const Trend = Type.Object({
    sensorId: Type.String(),
    value: Type.Number(),
    threshold: Type.Number(),
    etaAt: Time,
    ratePerHour: Type.Number(),
    confidence: Type.Number(),
    since: Time,
  });
  return {
    forecasts: byId(Forecast, 'official forecasts, by id'),
    forecastBySensor: byId(Type.String(), 'the newest forecast for each sensor'),
    trendWindows: byId(seriesOf(Time), "depth sensors' recent readings, [time, cm]"),
    trends: byId(Trend, 'rising sensors with a projected time to their threshold'),
  };
}
