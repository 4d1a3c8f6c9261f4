// @vitest-environment node
import { initialState } from '@floodnet/domain';
import { describe, expect, it } from 'vitest';
import { eventBatchOf, followAckOf, refusalOf, snapshotOf } from '../live/payloads';
import { ANSWERS, type AnswerName } from './answers';
import { AnswerError, checkAnswer, fits } from './check';
import { checkers } from './checkers.generated';
import { checkerSource } from './checker-source';
import generated from './checkers.generated.ts?raw';

const drill = {
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
const envelope = {
  seq: 7,
  stream: 'live',
  id: 'evt-7',
  type: 'reading.recorded',
  at: '2021-07-25T14:00:00+08:00',
  data: { sensorId: 'rain-tianping', value: 3 },
};

describe('the generated checkers', () => {
  it('are generated from the schemas as they are now', () => {
    // Stale: run `npm run generate:checkers -w @floodnet/web`.
    expect(generated).toBe(checkerSource());
  });

  it('cover every answer of the contract the web app reads, and nothing else', () => {
    expect(Object.keys(checkers).sort()).toEqual(Object.keys(ANSWERS).sort());
  });

  it('never compile at run time: the page’s CSP forbids eval', () => {
    expect(generated).not.toMatch(/new Function|eval\(|TypeCompiler/);
  });
});

describe('checking an answer', () => {
  it('gives back an answer that fits, typed', () => {
    expect(checkAnswer('Drill', drill, 'GET /api/v1/drills/k3v9x2m1').clockAt).toBe(drill.clockAt);
    expect(fits('CommandAck', { seq: 4711 })).toBe(true);
    expect(fits('Created', { id: 'inc-7', seq: 5120 })).toBe(true);
  });

  it('names the answer and the path at fault when it does not fit', () => {
    const broken = { drills: [drill, { ...drill, seq: 'many' }] };
    const refused = () => checkAnswer('DrillList', broken, 'GET /api/v1/drills', 200);
    expect(refused).toThrow(AnswerError);
    expect(refused).toThrow(/GET \/api\/v1\/drills .*DrillList.*\/drills\/1\/seq/);
    try {
      refused();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'UNEXPECTED_ANSWER',
        path: '/drills/1/seq',
        status: 200,
      });
    }
  });

  // One malformed answer per schema: a field missing, of the wrong type, or out of its range.
  const malformed: Record<AnswerName, unknown[]> = {
    Session: [{ token: 't', role: 'superuser', expiresAt: 'x' }, { role: 'duty' }],
    ClientConfig: [
      { tiles: 3, sim: true, drill: true },
      { tiles: null, sim: 'on', drill: true },
    ],
    Geography: [{ district: null }, { district: {}, jiezhen: [], huangpu: [], keyAreas: [] }],
    StreamState: [
      { stream: 'live', seq: 3 },
      { stream: 'live', seq: -1, state: initialState() },
      { stream: 'live', seq: 1, state: { ...initialState(), alerts: null } },
    ],
    CommandAck: [{}, { seq: 1.5 }, { seq: -1 }, null],
    Created: [{ id: 7, seq: 1 }, { seq: 1 }],
    UserCreated: [{ username: 'a', role: 'root' }],
    KeyIssued: [
      { id: 'k', name: 'k', key: 'x', scopes: ['write'] },
      { id: 'k', name: 'k' },
    ],
    NoticeIssued: [{ id: 'n', recipients: '3', seq: 1 }],
    Drill: [{ ...drill, kind: 'replay' }, { ...drill, createdAt: 1627200000000 }, []],
    DrillList: [[drill], { drills: [{ id: 'x' }] }],
    Clock: [{ at: 1627200000000, seq: 1 }, { at: '2021-07-25T14:00:00+08:00' }],
    Marks: [{ from: 'a', to: 'b', alarms: [{ at: 'a' }], incidents: [] }],
    Report: [{ stream: 'live', clockAt: null }],
    Error: [{ error: { code: 'NOT_A_CODE', message: 'x' } }, { message: 'x' }],
    EventBatch: [
      { 0: envelope },
      [envelope, { ...envelope, seq: '8' }],
      [envelope, { ...envelope, data: null }],
      [{ ...envelope, seq: 0 }],
    ],
    FollowAck: [{ ok: false }, 'ok', { ok: true, stream: 'drill:n', seq: 4, mode: 'both' }],
    SocketRefusal: [{ code: 'unauthorized', message: 'x' }, { message: 'x' }],
  };
  for (const [name, answers] of Object.entries(malformed) as [AnswerName, unknown[]][]) {
    it(`refuses a malformed ${name}`, () => {
      for (const answer of answers) expect(fits(name, answer), JSON.stringify(answer)).toBe(false);
    });
  }
});

describe('socket payloads', () => {
  it('takes a well-formed batch, an unknown type included, and refuses a broken one', () => {
    const unknown = { ...envelope, seq: 8, type: 'drone.launched', data: { id: 'd1' } };
    expect(eventBatchOf([envelope, unknown])).toHaveLength(2);
    expect(eventBatchOf([])).toEqual([]);
    expect(() => eventBatchOf([envelope, { ...envelope, id: 8 }])).toThrow(/EventBatch.*\/1\/id/);
  });

  it('takes a snapshot only with a picture in it', () => {
    const snapshot = snapshotOf({ stream: 'drill:night', seq: 0, state: initialState() }, 'x');
    expect(snapshot.state.assets).toEqual({});
    expect(() => snapshotOf({ stream: 'live', seq: 3 }, 'socket snapshot')).toThrow(
      /socket snapshot.*StreamState.*\/state/,
    );
  });

  it('reads a follow answer either way', () => {
    expect(followAckOf({ ok: true, stream: 'drill:n', seq: 4, mode: 'snapshot' }).ok).toBe(true);
    expect(followAckOf({ ok: false, error: { code: 'UNKNOWN_STREAM', message: 'x' } })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_STREAM', message: 'x' },
    });
    expect(() => followAckOf({ ok: false })).toThrow(AnswerError);
  });

  it('reads a refusal’s code from its data, never from its message', () => {
    const coded = Object.assign(new Error('whatever the text'), {
      data: { code: 'UNKNOWN_STREAM', message: 'drill:gone' },
    });
    expect(refusalOf(coded)?.code).toBe('UNKNOWN_STREAM');
    expect(refusalOf(new Error('UNAUTHORIZED: invalid or expired token'))).toBeNull();
  });
});
