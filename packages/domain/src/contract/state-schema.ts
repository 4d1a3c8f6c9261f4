import { Type, type Static } from '@sinclair/typebox';
import { AssetSchema, LatLngSchema } from '../model/assets.js';
import {
  AlertKindSchema,
  IncidentKindSchema,
  IncidentStatusSchema,
  ResponseLevelSchema,
  SeveritySchema,
  SquadStatusSchema,
} from '../model/vocabulary.js';

/**
 * The picture (`State`) as a schema, so that `GET /api/v1/state` and the socket's `snapshot` are
 * described to the last field and a generated client gets real types. It describes the plain
 * JSON the fold produces; `contract.test.ts` proves it matches the `State` type both ways.
 */

const Ms = Type.Integer({ description: 'epoch milliseconds' });
const MaybeMs = Type.Union([Ms, Type.Null()]);
const MaybeString = Type.Union([Type.String(), Type.Null()]);
const Level = Type.Union([ResponseLevelSchema, Type.Null()]);
const Colour = Type.Union([SeveritySchema, Type.Null()]);
/** `[time, value]` pairs, oldest first. */
const Series = Type.Array(Type.Tuple([Ms, Type.Number()]));
const byId = <T extends Parameters<typeof Type.Record>[1]>(value: T, description: string) =>
  Type.Record(Type.String(), value, { description });

export const UnitStateSchema = Type.Object({
  id: Type.String(),
  status: SquadStatusSchema,
  incidentId: MaybeString,
  since: Ms,
});

export const SensorStateSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([
    Type.Literal('rain'),
    Type.Literal('level'),
    Type.Literal('depth'),
    Type.Literal('pump'),
    Type.Literal('gate'),
  ]),
  intervalSec: Type.Integer(),
  lastAt: MaybeMs,
  lastValue: Type.Union([Type.Number(), Type.Null()]),
  previousValue: Type.Union([Type.Number(), Type.Null()], {
    description: 'the value before the last, to tell rising from falling',
  }),
  stale: Type.Boolean(),
});

export const AlertStateSchema = Type.Object({
  id: Type.String(),
  kind: AlertKindSchema,
  severity: SeveritySchema,
  subjectId: Type.String({ description: 'the asset or area the alert is about' }),
  value: Type.Number(),
  threshold: Type.Number(),
  raisedAt: Ms,
  updatedAt: Ms,
  acknowledgedAt: MaybeMs,
  acknowledgedBy: MaybeString,
  clearedAt: MaybeMs,
});

export const IncidentStepSchema = Type.Object({
  at: Ms,
  what: Type.Union([
    Type.Literal('reported'),
    Type.Literal('assigned'),
    Type.Literal('en-route'),
    Type.Literal('on-scene'),
    Type.Literal('returning'),
    Type.Literal('resolved'),
  ]),
  squadId: MaybeString,
  by: Type.String(),
});

export const IncidentStateSchema = Type.Object({
  id: Type.String(),
  kind: IncidentKindSchema,
  status: IncidentStatusSchema,
  location: LatLngSchema,
  pointId: MaybeString,
  description: Type.String(),
  reportedAt: Ms,
  reportedBy: Type.String(),
  squadIds: Type.Array(Type.String()),
  resolvedAt: MaybeMs,
  timeline: Type.Array(IncidentStepSchema),
});

export const TyphoonFixSchema = Type.Object({
  at: Ms,
  lat: Type.Number(),
  lng: Type.Number(),
  windMs: Type.Number(),
  pressureHpa: Type.Number(),
});

export const StateSchema = Type.Object(
  {
    seq: Type.Integer({ minimum: 0, description: 'events folded in' }),
    clock: Type.Union([Ms, Type.Null()], { description: 'event time of the newest event' }),
    assets: byId(AssetSchema, 'the catalogue, by asset id'),
    units: byId(UnitStateSchema, 'teams and squads, by id'),
    sensors: byId(SensorStateSchema, 'every sensor, by sensorId (= the asset id)'),
    pumps: byId(
      Type.Union([Type.Literal('stopped'), Type.Literal('running'), Type.Literal('fault')]),
      'pump stations and sluices',
    ),
    gates: byId(Type.Union([Type.Literal('open'), Type.Literal('closed')]), 'tide gates'),
    rainWindows: byId(Series, "rain gauges' readings of the last 6 hours, [time, mm]"),
    levelSeries: byId(Series, "water-level gauges' readings of the last 48 hours, [time, m]"),
    closedUnderpasses: byId(Ms, 'underpasses closed by water, with the time they closed'),
    alerts: byId(AlertStateSchema, 'every alert ever raised, by id'),
    openAlertBySubject: byId(Type.String(), 'the open alert id for each `kind:subjectId`'),
    incidents: byId(IncidentStateSchema, 'every incident, by id'),
    signals: Type.Object(
      { rainstorm: Colour, tide: Colour, typhoon: Colour },
      { description: 'warning signals in force district-wide' },
    ),
    responseLevel: Level,
    responseLevelBy: MaybeString,
    suggestedLevel: Type.Union([ResponseLevelSchema, Type.Null()], {
      description: 'what the signals suggest; a commander decides',
    }),
    suggestedReasons: Type.Array(Type.String()),
    typhoon: Type.Object({ name: MaybeString, track: Type.Array(TyphoonFixSchema) }),
    counters: Type.Object({ incidents: Type.Integer(), alerts: Type.Integer() }),
  },
  {
    description:
      'The whole picture of a stream: a pure fold (`evolve`) of its events, plain JSON. Times ' +
      'inside are epoch milliseconds; `stateHash` of it equals the hash a client folds.',
  },
);
export type StateJson = Static<typeof StateSchema>;

/** `GET /api/v1/state` and the socket's `snapshot`: a stream's picture at a committed seq. */
export const StreamStateSchema = Type.Object(
  {
    stream: Type.String({ description: '`live` or `drill:<id>`' }),
    seq: Type.Integer({ minimum: 0, description: 'the committed seq the picture stands at' }),
    state: StateSchema,
  },
  { description: 'A stream’s picture at a committed seq' },
);
export type StreamStateJson = Static<typeof StreamStateSchema>;
