import { Type, type Static } from '@sinclair/typebox';
import { IsoTimeSchema } from '../model/events.js';
import { AlertKindSchema, IncidentKindSchema, SeveritySchema } from '../model/vocabulary.js';

/** Drills, their clock and their timeline marks: what the server answers and the web app reads. */
const example = {
  id: 'k3v9x2m1',
  stream: 'drill:k3v9x2m1',
  name: 'in-fa-2021',
  source: 'recording:in-fa-2021',
  kind: 'recording',
  createdAt: '2024-06-01T09:30:00+08:00',
  parentId: null,
  forkAt: null,
  clockAt: '2021-07-25T14:00:00+08:00',
  seq: 41230,
  speed: 60,
  playing: false,
  events: 76089,
  from: '2021-07-23T08:00:00+08:00',
  to: '2021-07-27T08:00:00+08:00',
};

export const DrillSchema = Type.Object(
  {
    id: Type.String(),
    stream: Type.String({ description: '`drill:<id>`: follow it, read its state, command a fork' }),
    name: Type.String(),
    source: Type.String({ description: '`recording:<name>`, `upload` or `fork`' }),
    kind: Type.Union([Type.Literal('recording'), Type.Literal('fork')], {
      description:
        '`recording` replays its log and takes no commands; `fork` takes the trainees’ commands',
    }),
    createdAt: IsoTimeSchema,
    parentId: Type.Union([Type.String(), Type.Null()]),
    forkAt: Type.Union([IsoTimeSchema, Type.Null()]),
    clockAt: Type.String({ description: 'The drill clock (event time)' }),
    seq: Type.Integer({ description: 'seq of the picture at the clock' }),
    speed: Type.Number({ description: 'drill seconds per wall second' }),
    playing: Type.Boolean(),
    events: Type.Integer({ description: 'events imported (a fork: copied from its parent)' }),
    from: Type.String({ description: 'time of the first recorded event' }),
    to: Type.String({ description: 'time of the last recorded event; the clock stops there' }),
  },
  { examples: [example] },
);

export const DrillListSchema = Type.Object({ drills: Type.Array(DrillSchema) });

export const RecordingListSchema = Type.Object({
  recordings: Type.Array(Type.Object({ name: Type.String(), bytes: Type.Integer() })),
});

export const ImportRecordingSchema = Type.Object(
  {
    recording: Type.String({
      minLength: 1,
      maxLength: 120,
      description: 'A name from GET /api/v1/drills/recordings',
    }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  },
  { additionalProperties: false, examples: [{ recording: 'in-fa-2021' }] },
);

export const ClockBodySchema = Type.Object(
  {
    action: Type.Union([
      Type.Literal('play'),
      Type.Literal('pause'),
      Type.Literal('seek'),
      Type.Literal('speed'),
    ]),
    at: Type.Optional(IsoTimeSchema),
    speed: Type.Optional(Type.Number({ minimum: 1, maximum: 3600 })),
  },
  {
    additionalProperties: false,
    examples: [
      { action: 'seek', at: '2021-07-25T14:00:00+08:00' },
      { action: 'play', speed: 600 },
    ],
  },
);

export const ClockAnswerSchema = Type.Object(
  {
    at: Type.String({ description: 'the drill clock after the action' }),
    seq: Type.Integer({ description: 'seq of the picture at that time' }),
  },
  { examples: [{ at: '2021-07-25T14:00:00+08:00', seq: 41230 }] },
);

export const ForkBodySchema = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })) },
  { additionalProperties: false, examples: [{ name: 'Shift B, from 02:00' }] },
);

export const DrillMarksSchema = Type.Object(
  {
    from: Type.String({ description: 'time of the first recorded event' }),
    to: Type.String({ description: 'time of the last recorded event' }),
    alarms: Type.Array(
      Type.Object({
        at: Type.String({ description: 'when the alarm was raised, or escalated' }),
        severity: SeveritySchema,
        kind: AlertKindSchema,
        subjectId: Type.String({ description: 'the asset or area the alarm is about' }),
      }),
      { description: 'in the order of the stream; an escalation is a mark of its own' },
    ),
    incidents: Type.Array(
      Type.Object({
        at: Type.String({ description: 'when the incident was reported' }),
        kind: IncidentKindSchema,
      }),
    ),
  },
  {
    examples: [
      {
        from: '2021-07-23T08:00:00+08:00',
        to: '2021-07-27T08:00:00+08:00',
        alarms: [
          {
            at: '2021-07-25T11:50:00+08:00',
            severity: 'yellow',
            kind: 'tide',
            subjectId: 'tide-huangpu-park',
          },
        ],
        incidents: [{ at: '2021-07-25T14:32:00+08:00', kind: 'underpass-flooded' }],
      },
    ],
  },
);

export type Drill = Static<typeof DrillSchema>;
export type DrillList = Static<typeof DrillListSchema>;
export type RecordingList = Static<typeof RecordingListSchema>;
export type ImportRecording = Static<typeof ImportRecordingSchema>;
export type ClockBody = Static<typeof ClockBodySchema>;
export type ClockAnswer = Static<typeof ClockAnswerSchema>;
export type ForkBody = Static<typeof ForkBodySchema>;
export type DrillMarks = Static<typeof DrillMarksSchema>;
