import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTime, toShanghaiIso, type EventEnvelope } from '@floodnet/domain';
import { call, removeDir, startServer, tokenFor, type Running } from '../test-support.js';
import { clock, hasInFaRecording, inFaLines, ndjson, uploadDrill } from './drill-fixtures.js';

interface Marks {
  from: string;
  to: string;
  alarms: { at: string; severity: string; kind: string; subjectId: string }[];
  incidents: { at: string; kind: string }[];
}

interface Drill {
  id: string;
  stream: string;
  clockAt: string;
  from: string;
  to: string;
}

/** The night of 25–26 July: the fork takes over before the worst hour of In-Fa begins. */
const FORK_AT = '2021-07-26T06:00:00+08:00';
const FORK_PLAYED_TO = '2021-07-26T07:40:00+08:00';

const shanghai = (at: string) => toShanghaiIso(parseTime(at));

describe('the marks of a drill timeline', () => {
  let server: Running;
  let commander: string;
  let events: EventEnvelope[];
  let drill: Drill;

  const marksOf = async (id: string, token = commander) => {
    const answer = await call<Marks>(server.url, 'GET', `/api/v1/drills/${id}/marks`, { token });
    expect(answer.status, answer.text).toBe(200);
    return answer.body;
  };
  const recorded = (type: EventEnvelope['type']) => events.filter((event) => event.type === type);

  beforeAll(async () => {
    server = await startServer();
    commander = tokenFor(server.app, 'commander');
    const lines = inFaLines();
    events = lines.map((line) => JSON.parse(line) as EventEnvelope);
    const created = hasInFaRecording
      ? await call(server.url, 'POST', '/api/v1/drills', {
          token: commander,
          body: { recording: 'in-fa-2021' },
        })
      : await uploadDrill(server.url, commander, ndjson(lines), 'in-fa-2021');
    expect(created.status, created.text).toBe(201);
    drill = created.body as unknown as Drill;
  }, 60_000);

  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('marks every alarm and incident of the recording right after the import, beyond the clock', async () => {
    const marks = await marksOf(drill.id, tokenFor(server.app, 'viewer'));
    expect(marks).toMatchObject({ from: drill.from, to: drill.to });
    // The clock stands at the first event, yet the whole recording is marked.
    expect(drill.clockAt).toBe(drill.from);
    const raised = recorded('alert.raised').length;
    const escalated = recorded('alert.escalated').length;
    expect(raised).toBeGreaterThan(0);
    expect(marks.alarms).toHaveLength(raised + escalated);
    expect(marks.incidents).toHaveLength(recorded('incident.reported').length);
    const clockAt = parseTime(drill.clockAt);
    expect(marks.alarms.filter((mark) => parseTime(mark.at) > clockAt).length).toBe(
      marks.alarms.length,
    );
  });

  it('puts a mark at the time the recording has, an escalation at its new severity', async () => {
    const marks = await marksOf(drill.id);
    const escalation = recorded('alert.escalated').at(-1);
    expect(escalation?.type).toBe('alert.escalated');
    if (escalation?.type !== 'alert.escalated') return;
    const raised = recorded('alert.raised').find(
      (event) => event.type === 'alert.raised' && event.data.alertId === escalation.data.alertId,
    );
    if (raised?.type !== 'alert.raised') throw new Error('the escalated alert was never raised');
    expect(marks.alarms).toContainEqual({
      at: shanghai(escalation.at),
      severity: escalation.data.severity,
      kind: raised.data.kind,
      subjectId: raised.data.subjectId,
    });
    const incident = recorded('incident.reported').at(-1)!;
    if (incident.type !== 'incident.reported') return;
    expect(marks.incidents.at(-1)).toEqual({ at: shanghai(incident.at), kind: incident.data.kind });
  });

  it('answers the same to screens asking at once, and only to a signed-in user', async () => {
    const [a, b] = await Promise.all([marksOf(drill.id), marksOf(drill.id)]);
    expect(a).toEqual(b);
    const anonymous = await call(server.url, 'GET', `/api/v1/drills/${drill.id}/marks`);
    expect(anonymous.status).toBe(401);
    const unknown = await call(server.url, 'GET', '/api/v1/drills/nosuch/marks', {
      token: commander,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('UNKNOWN_DRILL');
  });

  it("marks a fork with its own past up to its clock and the original's after it", async () => {
    const original = await marksOf(drill.id);
    await clock(server.url, commander, drill.id, { action: 'seek', at: FORK_AT });
    const forked = await call<Drill>(server.url, 'POST', `/api/v1/drills/${drill.id}/fork`, {
      token: commander,
      body: { name: 'night shift' },
    });
    expect(forked.status, forked.text).toBe(201);
    const fork = forked.body;
    // Nothing has happened in the fork yet: its timeline is the original's.
    expect(await marksOf(fork.id)).toEqual(original);

    const trainee = tokenFor(server.app, 'commander', 'trainee-wang');
    const reported = await call(server.url, 'POST', `/api/v1/incidents?stream=${fork.stream}`, {
      token: trainee,
      body: { kind: 'tree-down', location: { lat: 31.2, lng: 121.44 }, description: '训练' },
    });
    expect(reported.status, reported.text).toBe(201);
    const played = await clock(server.url, commander, fork.id, {
      action: 'seek',
      at: FORK_PLAYED_TO,
    });

    const forkAt = parseTime(FORK_AT);
    const clockAt = parseTime(played.at);
    const marks = await marksOf(fork.id);
    const before = (at: number) => (mark: { at: string }) => parseTime(mark.at) <= at;
    const after = (at: number) => (mark: { at: string }) => parseTime(mark.at) > at;
    // The recorded incidents between the fork and its clock were the original's decisions:
    // the fork has the trainee's instead, and the original's after the clock still show.
    expect(marks.incidents).toEqual([
      ...original.incidents.filter(before(forkAt)),
      { at: FORK_AT, kind: 'tree-down' },
      ...original.incidents.filter(after(clockAt)),
    ]);
    expect(original.incidents.filter((m) => after(forkAt)(m) && before(clockAt)(m))).not.toEqual(
      [],
    );
    expect(marks.alarms.filter(after(clockAt))).toEqual(original.alarms.filter(after(clockAt)));
    // The original's own timeline is untouched by the trainee.
    expect(await marksOf(drill.id)).toEqual(original);
  });
});
