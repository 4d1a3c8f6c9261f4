import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTime, toShanghaiIso, type EventEnvelope } from '@floodnet/domain';
import {
  call,
  catalogue,
  collectEvents,
  connect,
  connected,
  removeDir,
  startServer,
  tokenFor,
  type Running,
} from '../test-support.js';
import { clock, eventually, inFaLines, ndjson, uploadDrill } from './drill-fixtures.js';

interface Drill {
  id: string;
  stream: string;
  parentId: string | null;
  forkAt: string | null;
  clockAt: string;
  seq: number;
  playing: boolean;
}

const FORK_AT = '2021-07-23T12:00:00+08:00';
const { squad } = catalogue();

describe('forking a drill for trainees', () => {
  let server: Running;
  let commander: string;
  let trainee: string;
  let lines: string[];
  let parent: Drill;
  let fork: Drill;
  let liveSeqBefore: number;

  const log = () => server.app.eventLog;
  const all = (stream: string) => log().readAfter(stream, 0);
  const view = async (id: string) =>
    (await call<Drill>(server.url, 'GET', `/api/v1/drills/${id}`, { token: commander })).body;

  beforeAll(async () => {
    server = await startServer();
    commander = tokenFor(server.app, 'commander');
    trainee = tokenFor(server.app, 'commander', 'trainee-zhang');
    // The first day of In-Fa: the first rain alert comes at 12:03, a recorded assignment at 12:14.
    lines = inFaLines('2021-07-23T16:00:00+08:00');
    const imported = await uploadDrill(server.url, commander, ndjson(lines), 'first day');
    expect(imported.status, imported.text).toBe(201);
    parent = imported.body as unknown as Drill;
    liveSeqBefore = log().lastSeq('live');
  });

  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('forks at the clock: same envelopes up to T, the parent paused there', async () => {
    await clock(server.url, commander, parent.id, { action: 'seek', at: FORK_AT });
    await clock(server.url, commander, parent.id, { action: 'play', speed: 1 });
    const answer = await call<Drill>(server.url, 'POST', `/api/v1/drills/${parent.id}/fork`, {
      token: commander,
      body: { name: 'shift B' },
    });
    expect(answer.status, answer.text).toBe(201);
    fork = answer.body;
    expect(fork).toMatchObject({ parentId: parent.id, stream: `drill:${fork.id}` });
    const paused = await view(parent.id);
    expect(paused).toMatchObject({ playing: false, clockAt: fork.forkAt, seq: fork.seq });
    expect(parseTime(fork.forkAt!)).toBeGreaterThanOrEqual(parseTime(FORK_AT));
    const strip = ({ seq, id, type, at, data }: EventEnvelope) => ({ seq, id, type, at, data });
    const copied = all(fork.stream);
    expect(copied.length).toBe(fork.seq);
    expect(copied.map(strip)).toEqual(all(parent.stream).slice(0, fork.seq).map(strip));
  });

  it('keeps the recorded readings coming, decided by the fork, and withholds the recorded commands', async () => {
    await clock(server.url, commander, fork.id, { action: 'play', speed: 3600 });
    await eventually(
      async () =>
        parseTime((await view(fork.id)).clockAt) >= parseTime('2021-07-23T12:40:00+08:00'),
      'the fork to play past 12:40',
    );
    const stopped = await clock(server.url, commander, fork.id, { action: 'pause' });
    const after = all(fork.stream).slice(fork.seq);
    expect(after.length).toBeGreaterThan(0);
    expect(after.at(-1)!.seq).toBe(stopped.seq);
    const readings = after.filter((event) => event.type === 'reading.recorded');
    const recordedIds = new Set(lines.map((line) => JSON.parse(line).id as string));
    expect(readings.length).toBeGreaterThan(10);
    for (const reading of readings) expect(recordedIds.has(reading.id)).toBe(true);
    // The fork's own rules raised the alerts from the readings it was fed: with no trainee
    // command yet, the same ones the original raised over the same minutes.
    const raised = (events: EventEnvelope[]) =>
      events
        .filter((event) => event.type === 'alert.raised')
        .map(({ at, data }) => ({ at, ...data, alertId: undefined }));
    const original = lines
      .map((line) => JSON.parse(line) as EventEnvelope)
      .filter((event) => event.seq > fork.seq && parseTime(event.at) <= parseTime(stopped.at));
    expect(raised(after).length).toBeGreaterThan(0);
    expect(raised(after)).toEqual(raised(original));
    // What the original command room did after T is not the trainees' history.
    for (const withheld of ['squad.assigned', 'incident.reported', 'alert.acknowledged']) {
      expect(after.filter((event) => event.type === withheld)).toEqual([]);
    }
    const rewind = await call(server.url, 'POST', `/api/v1/drills/${fork.id}/clock`, {
      token: commander,
      body: { action: 'seek', at: FORK_AT },
    });
    expect(rewind.status).toBe(409);
    expect(rewind.body.error?.code).toBe('FORK_CANNOT_REWIND');
  });

  it("records a trainee's commands in the fork only: not in the original, not in live", async () => {
    const reported = await call<{ id: string; seq: number }>(
      server.url,
      'POST',
      `/api/v1/incidents?stream=${fork.stream}`,
      {
        token: trainee,
        body: { kind: 'waterlogging', location: { lat: 31.2, lng: 121.44 }, description: '训练' },
      },
    );
    expect(reported.status, reported.text).toBe(201);
    const assigned = await call(
      server.url,
      'POST',
      `/api/v1/incidents/${reported.body.id}/assign?stream=${fork.stream}`,
      { token: trainee, body: { squadId: squad.id } },
    );
    expect(assigned.status, assigned.text).toBe(200);
    const byTrainee = (event: EventEnvelope) =>
      JSON.stringify(event.data).includes('trainee-zhang');
    const inFork = all(fork.stream).filter(byTrainee);
    expect(inFork.map((event) => event.type)).toEqual(['incident.reported', 'squad.assigned']);
    // The fork's commands happen at the fork's clock, not the wall's.
    expect(inFork[0]!.at).toBe((await view(fork.id)).clockAt);
    expect(all(parent.stream).filter(byTrainee)).toEqual([]);
    expect(log().lastSeq(parent.stream)).toBe(lines.length);
    expect(all('live').filter(byTrainee)).toEqual([]);
    expect(log().lastSeq('live')).toBe(liveSeqBefore);

    const forkReport = await call<{ report: { incidents: { id: string; assignedAt: number }[] } }>(
      server.url,
      'GET',
      `/api/v1/reports?stream=${fork.stream}`,
      { token: trainee },
    );
    const mine = forkReport.body.report.incidents.find((i) => i.id === reported.body.id);
    expect(mine?.assignedAt).toBe(parseTime(inFork[1]!.at));
    const parentReport = await call<{ report: { incidents: { reportedAt: number }[] } }>(
      server.url,
      'GET',
      `/api/v1/reports?stream=${parent.stream}`,
      { token: trainee },
    );
    const when = parseTime(inFork[0]!.at);
    expect(parentReport.body.report.incidents.some((i) => i.reportedAt === when)).toBe(false);
  });

  it('compares the fork with the original over the same hours', async () => {
    const answer = await call(server.url, 'GET', `/api/v1/reports?stream=${fork.stream}`, {
      token: tokenFor(server.app, 'viewer'),
    });
    expect(answer.status).toBe(200);
    const body = answer.body as {
      original: { stream: string; report: { to: number } };
      comparison: { metric: string; original: unknown; fork: unknown }[];
    };
    expect(body.original.stream).toBe(parent.stream);
    expect(body.original.report.to).toBeLessThanOrEqual(parseTime((await view(fork.id)).clockAt));
    const incidents = body.comparison.find((row) => row.metric === 'incidents');
    // The original reported its 12:11 incident; the trainees reported their own.
    expect(incidents).toBeDefined();
    expect(body.comparison.map((row) => row.metric)).toContain('meanMinutesToAssign');
  });

  it('reports incidents with their times, as JSON, CSV and a printable page', async () => {
    await clock(server.url, commander, parent.id, {
      action: 'seek',
      at: '2021-07-23T16:00:00+08:00',
    });
    const json = await call<{
      report: { incidents: Record<string, unknown>[]; alarms: unknown[] };
    }>(server.url, 'GET', `/api/v1/reports?stream=${parent.stream}&format=json`, {
      token: commander,
    });
    expect(json.status).toBe(200);
    const done = json.body.report.incidents.filter((incident) => incident.resolvedAt !== null);
    expect(done.length).toBeGreaterThan(0);
    for (const incident of done) {
      expect(incident).toMatchObject({
        reportedAt: expect.any(Number),
        assignedAt: expect.any(Number),
        onSceneAt: expect.any(Number),
        resolvedAt: expect.any(Number),
      });
    }
    const csv = await call(
      server.url,
      'GET',
      `/api/v1/reports?stream=${parent.stream}&format=csv`,
      {
        token: commander,
      },
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.csv"$/);
    const rows = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toBe(
      'incident_id,kind,point_id,reported_at,assigned_at,on_scene_at,resolved_at,minutes_to_assign',
    );
    expect(rows.length).toBeGreaterThan(done.length + 2);
    expect(rows).toContain(
      'alarm_id,kind,subject_id,severity,raised_at,acknowledged_at,minutes_to_acknowledge',
    );
    const html = await call(
      server.url,
      'GET',
      `/api/v1/reports?stream=${fork.stream}&format=html`,
      {
        token: commander,
      },
    );
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    for (const heading of [
      '事后评估报告',
      'After-action report',
      '事件处置',
      '告警',
      '队伍利用率',
      '与原始记录对比',
    ]) {
      expect(html.text).toContain(heading);
    }
    expect(html.text).toContain('@media print');
    expect(html.text).not.toMatch(/<script|<link|src=/);
  });

  it('plays two drills at once without mixing them, and nothing reaches live', async () => {
    const second = await uploadDrill(server.url, commander, ndjson(lines), 'second');
    const other = second.body as unknown as Drill;
    const sockets = [parent, other].map((drill) =>
      connect(server.url, { token: commander, stream: drill.stream }),
    );
    const liveSocket = connect(server.url, { token: commander, stream: 'live' });
    await Promise.all([...sockets, liveSocket].map(connected));
    const [first, next] = sockets.map(collectEvents);
    const live = collectEvents(liveSocket);
    try {
      await clock(server.url, commander, parent.id, {
        action: 'seek',
        at: '2021-07-23T09:00:00+08:00',
      });
      await clock(server.url, commander, other.id, {
        action: 'seek',
        at: '2021-07-23T10:00:00+08:00',
      });
      await clock(server.url, commander, parent.id, { action: 'play', speed: 3600 });
      await clock(server.url, commander, other.id, { action: 'play', speed: 1800 });
      await Promise.all([first!.until((e) => e.length > 200), next!.until((e) => e.length > 200)]);
      await clock(server.url, commander, parent.id, { action: 'pause' });
      await clock(server.url, commander, other.id, { action: 'pause' });
      expect(new Set(first!.received.map((event) => event.stream))).toEqual(
        new Set([parent.stream]),
      );
      expect(new Set(next!.received.map((event) => event.stream))).toEqual(new Set([other.stream]));
      expect(live.received).toEqual([]);
      expect(log().lastSeq('live')).toBe(liveSeqBefore);
    } finally {
      for (const socket of [...sockets, liveSocket]) socket.disconnect();
    }
  });
  it('forks a fork, which carries on from the same recording', async () => {
    const answer = await call<Drill>(server.url, 'POST', `/api/v1/drills/${fork.id}/fork`, {
      token: commander,
      body: {},
    });
    expect(answer.status, answer.text).toBe(201);
    const grandchild = answer.body;
    expect(grandchild).toMatchObject({ parentId: fork.id, forkAt: (await view(fork.id)).clockAt });
    // The trainees' incident is part of the new fork's past.
    const copied = all(grandchild.stream);
    expect(copied.some((event) => JSON.stringify(event.data).includes('trainee-zhang'))).toBe(true);
    await clock(server.url, commander, grandchild.id, { action: 'play', speed: 3600 });
    await eventually(
      () => log().lastSeq(grandchild.stream) > grandchild.seq,
      'readings to reach the fork of the fork',
    );
    await clock(server.url, commander, grandchild.id, { action: 'pause' });
    const fed = all(grandchild.stream).slice(grandchild.seq);
    expect(fed.some((event) => event.type === 'reading.recorded')).toBe(true);
    expect(new Set(fed.map((event) => event.id)).size).toBe(fed.length);

    // A drill with forks stays; the forks go first, and their streams with them.
    const refused = await call(server.url, 'DELETE', `/api/v1/drills/${fork.id}`, {
      token: commander,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('DRILL_HAS_FORKS');
    for (const id of [grandchild.id, fork.id]) {
      const deleted = await call(server.url, 'DELETE', `/api/v1/drills/${id}`, {
        token: commander,
      });
      expect(deleted.status).toBe(204);
    }
    expect(log().lastSeq(fork.stream)).toBe(0);
    const gone = await call(server.url, 'GET', `/api/v1/state?stream=${fork.stream}`, {
      token: commander,
    });
    expect(gone.status).toBe(404);
    expect(
      (await call(server.url, 'GET', `/api/v1/drills/${fork.id}`, { token: commander })).status,
    ).toBe(404);
  });

  it('stops at the end of the recording', async () => {
    await clock(server.url, commander, parent.id, {
      action: 'seek',
      at: '2021-07-23T15:50:00+08:00',
    });
    await clock(server.url, commander, parent.id, { action: 'play', speed: 3600 });
    await eventually(async () => !(await view(parent.id)).playing, 'the drill to stop');
    const end = await view(parent.id);
    expect(end.clockAt).toBe(toShanghaiIso(parseTime(JSON.parse(lines.at(-1)!).at)));
    expect(end.seq).toBe(lines.length);
  });
});
