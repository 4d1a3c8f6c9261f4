import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { AssetSchema, LatLngSchema } from '../model/assets.js';
import { EpochMsSchema, WireTimeSchema } from '../model/primitives.js';
import {
  AlertKindSchema,
  IncidentKindSchema,
  IncidentStatusSchema,
  ResponseLevelSchema,
  SeveritySchema,
  SquadStatusSchema,
} from '../model/vocabulary.js';
import {
  checkInSlices,
  compoundSlices,
  evacuationSlices,
  forecastSlices,
  handoverSlices,
  materialSlices,
  maybe,
  movementSlices,
  noticeSlices,
  planSlices,
  seriesOf,
  warningSlices,
  webhookSlices,
} from './state-slices.js';

/**
 * The picture (`State`) as a schema, every slice of all sixteen areas to the last field, so that
 * `GET /api/v1/state` and the socket's `snapshot` are described and a generated client gets real
 * types. It is built twice from one description, differing only in what a time is:
 *
 * - `PictureSchema`, times as epoch milliseconds: the fold's own `State`, in memory and in the
 *   log's snapshots (`contract.test.ts` proves it is `State` both ways);
 * - `StateSchema`, times as the wire's `2021-07-25T12:30:00+08:00`: what every answer carries.
 *
 * `wire.ts` turns one into the other, walking the same description.
 */

const MaybeString = maybe(Type.String());
const byId = <T extends TSchema>(value: T, description: string) =>
  Type.Record(Type.String(), value, { description });

function firstAreaSlices<T extends TSchema>(Time: T) {
  const Unit = Type.Object({
    id: Type.String(),
    status: SquadStatusSchema,
    incidentId: MaybeString,
    since: Time,
  });
  const Sensor = Type.Object({
    id: Type.String(),
    kind: Type.Union([
      Type.Literal('rain'),
      Type.Literal('level'),
      Type.Literal('depth'),
      Type.Literal('pump'),
      Type.Literal('gate'),
    ]),
    intervalSec: Type.Integer(),
    lastAt: maybe(Time),
    lastValue: maybe(Type.Number()),
    previousValue: maybe(Type.Number()),
    stale: Type.Boolean(),
  });
  const Alert = Type.Object({
    id: Type.String(),
    kind: AlertKindSchema,
    severity: SeveritySchema,
    subjectId: Type.String({ description: 'the asset or area the alert is about' }),
    value: Type.Number(),
    threshold: Type.Number(),
    raisedAt: Time,
    updatedAt: Time,
    acknowledgedAt: maybe(Time),
    acknowledgedBy: MaybeString,
    clearedAt: maybe(Time),
  });
  const Step = Type.Object({
    at: Time,
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
  const Incident = Type.Object({
    id: Type.String(),
    kind: IncidentKindSchema,
    status: IncidentStatusSchema,
    location: LatLngSchema,
    pointId: MaybeString,
    description: Type.String(),
    reportedAt: Time,
    reportedBy: Type.String(),
    squadIds: Type.Array(Type.String()),
    resolvedAt: maybe(Time),
    timeline: Type.Array(Step),
  });
  const Fix = Type.Object({
    at: Time,
    lat: Type.Number(),
    lng: Type.Number(),
    windMs: Type.Number(),
    pressureHpa: Type.Number(),
  });
  const Colour = maybe(SeveritySchema);
  return {
    assets: byId(AssetSchema, 'the catalogue, by asset id'),
    units: byId(Unit, 'teams and squads, by id'),
    sensors: byId(Sensor, 'every sensor, by sensorId (= the asset id)'),
    pumps: byId(
      Type.Union([Type.Literal('stopped'), Type.Literal('running'), Type.Literal('fault')]),
      'pump stations and sluices',
    ),
    gates: byId(Type.Union([Type.Literal('open'), Type.Literal('closed')]), 'tide gates'),
    rainWindows: byId(seriesOf(Time), "rain gauges' readings of the last 6 hours, [time, mm]"),
    levelSeries: byId(
      seriesOf(Time),
      "water-level gauges' readings of the last 48 hours, [time, m]",
    ),
    closedUnderpasses: byId(Time, 'underpasses closed by water, with the time they closed'),
    alerts: byId(Alert, 'every alert ever raised, by id'),
    openAlertBySubject: byId(Type.String(), 'the open alert id for each `kind:subjectId`'),
    incidents: byId(Incident, 'every incident, by id'),
    signals: Type.Object(
      { rainstorm: Colour, tide: Colour, typhoon: Colour },
      { description: 'warning signals in force district-wide' },
    ),
    responseLevel: maybe(ResponseLevelSchema),
    responseLevelBy: MaybeString,
    suggestedLevel: Type.Union([ResponseLevelSchema, Type.Null()], {
      description: 'what the signals suggest; a commander decides',
    }),
    suggestedReasons: Type.Array(Type.String()),
    typhoon: Type.Object({ name: MaybeString, track: Type.Array(Fix) }),
  };
}

function pictureSchemaOf<T extends TSchema>(Time: T, times: string) {
  return Type.Object(
    {
      seq: Type.Integer({ minimum: 0, description: 'events folded in' }),
      clock: Type.Union([Time, Type.Null()], { description: 'event time of the newest event' }),
      ...firstAreaSlices(Time),
      ...planSlices(Time),
      ...evacuationSlices(Time),
      ...handoverSlices(Time),
      ...noticeSlices(Time),
      ...compoundSlices(Time),
      ...webhookSlices(Time),
      ...movementSlices(Time),
      ...materialSlices(Time),
      ...checkInSlices(Time),
      ...warningSlices(Time),
      ...forecastSlices(Time),
      counters: Type.Object({ incidents: Type.Integer(), alerts: Type.Integer() }),
    },
    {
      description:
        `The whole picture of a stream: a pure fold (\`evolve\`) of its events. ${times} A ` +
        'newer server may add slices for new areas: a client keeps what it does not know.',
      additionalProperties: true,
    },
  );
}

/** The fold's own picture, times in epoch milliseconds: `Static<typeof PictureSchema>` is `State`. */
export const PictureSchema = pictureSchemaOf(
  EpochMsSchema,
  'Times are epoch milliseconds (the form in memory and in snapshots of the log).',
);

/** The picture as every answer carries it: each time `YYYY-MM-DDTHH:MM:SS+08:00`. */
export const StateSchema = pictureSchemaOf(
  WireTimeSchema,
  'Every time is ISO 8601 in +08:00 to the second; decoded back to epoch milliseconds, its ' +
    '`stateHash` equals the hash of the picture the server folded.',
);
/** The picture on the wire. */
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
/** `GET /api/v1/state` and the socket's `snapshot` on the wire. */
export type StreamStateJson = Static<typeof StreamStateSchema>;
