import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTime, toShanghaiIso } from '@floodnet/domain';
import {
  call,
  removeDir,
  startServer,
  tokenFor,
  type Answer,
  type Running,
} from '../test-support.js';
import { clock, eventually, inFaLines, ndjson, uploadDrill } from './drill-fixtures.js';

describe('importing a drill', () => {
  let server: Running;
  let commander: string;
  let lines: string[];

  /** What must stay untouched by a refused import: the log's streams and the drill list. */
  async function leftovers() {
    const drills = await call<{ drills: unknown[] }>(server.url, 'GET', '/api/v1/drills', {
      token: commander,
    });
    return { streams: server.app.eventLog.streams(), drills: drills.body.drills };
  }

  beforeAll(async () => {
    server = await startServer();
    commander = tokenFor(server.app, 'commander');
    // The first afternoon of In-Fa: enough lines for chunks, snapshots and every refusal below.
    lines = inFaLines('2021-07-23T18:00:00+08:00');
  });

  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('refuses a malformed line with its number and keeps nothing of the import', async () => {
    const before = await leftovers();
    const broken = [...lines];
    broken[36] = broken[36]!.slice(0, -5); // line 37 cut short
    const answer = await uploadDrill(server.url, commander, ndjson(broken));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'BAD_DRILL_LINE', line: 37 });
    expect(answer.body.error?.message).toMatch(/^line 37: not JSON/);
    expect(await leftovers()).toEqual(before);
  });

  it('refuses a gap in seq, even thousands of lines in, and keeps nothing', async () => {
    const before = await leftovers();
    // Past the first chunk of 5,000 so part of the import was already appended.
    const gap = [...lines.slice(0, 5200), ...lines.slice(5201)];
    const answer = await uploadDrill(server.url, commander, ndjson(gap));
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'BAD_DRILL_LINE', line: 5201 });
    expect(answer.body.error?.message).toBe(
      'line 5201: seq 5202 where 5201 was expected (seq rises by 1 from 1, no gaps)',
    );
    expect(await leftovers()).toEqual(before);
  });

  it('says what is wrong with an envelope that does not match the schema', async () => {
    const before = await leftovers();
    const bad = [...lines];
    const event = JSON.parse(bad[99]!);
    event.data.value = 'deep';
    bad[99] = JSON.stringify(event);
    const wrongValue = await uploadDrill(server.url, commander, ndjson(bad));
    expect(wrongValue.status).toBe(400);
    expect(wrongValue.body.error?.message).toBe('line 100: /data/value: Expected number');
    const first = await uploadDrill(server.url, commander, ndjson(lines.slice(1)));
    expect(first.status).toBe(422);
    expect(first.body.error?.message).toMatch(/^line 1: the first event must be assets.registered/);
    const twice = await uploadDrill(
      server.url,
      commander,
      ndjson([...lines.slice(0, 3), lines[1]!.replace('"seq":2,', '"seq":4,')]),
    );
    expect(twice.status).toBe(422);
    expect(twice.body.error?.message).toMatch(/^line 4: id .* appears twice/);
    expect(await leftovers()).toEqual(before);
  });

  it('imports an upload paused at its first event, and lists it', async () => {
    const answer = await uploadDrill(server.url, commander, ndjson(lines), 'first afternoon');
    expect(answer.status, answer.text).toBe(201);
    const drill = answer.body as Answer & { id: string; stream: string };
    expect(drill).toMatchObject({
      stream: `drill:${drill.id}`,
      name: 'first afternoon',
      source: 'upload',
      kind: 'recording',
      events: lines.length,
      from: '2021-07-23T08:00:00+08:00',
      to: toShanghaiIso(parseTime(JSON.parse(lines.at(-1)!).at)),
      clockAt: '2021-07-23T08:00:00+08:00',
      playing: false,
    });
    expect(drill.id).toMatch(/^[a-z0-9]+$/);
    const list = await call<{ drills: { id: string }[] }>(server.url, 'GET', '/api/v1/drills', {
      token: commander,
    });
    expect(list.body.drills.map((listed) => listed.id)).toContain(drill.id);
    // The recording takes no commands: trainees command a fork.
    const command = await call(server.url, 'POST', `/api/v1/incidents?stream=${drill.stream}`, {
      token: commander,
      body: { kind: 'other', location: { lat: 31.2, lng: 121.44 }, description: 'drill' },
    });
    expect(command.status).toBe(409);
    expect(command.body.error?.code).toBe('DRILL_IS_RECORDING');
  });

  it('loads recordings by name only, and only for commanders and admins', async () => {
    const traversal = await call(server.url, 'POST', '/api/v1/drills', {
      token: commander,
      body: { recording: '../xuhui/assets' },
    });
    expect(traversal.status).toBe(404);
    expect(traversal.body.error?.code).toBe('UNKNOWN_RECORDING');
    const duty = await uploadDrill(server.url, tokenFor(server.app, 'duty'), ndjson(lines));
    expect(duty.status).toBe(403);
  });

  it('keeps drills across a restart, clock paused where it stood', async () => {
    const answer = await uploadDrill(server.url, commander, ndjson(lines), 'restart');
    const id = (answer.body as { id: string }).id;
    await clock(server.url, commander, id, { action: 'seek', at: '2021-07-23T10:30:00+08:00' });
    // A fork that has played a little, with a trainee's command in it.
    await clock(server.url, commander, id, { action: 'seek', at: '2021-07-23T11:30:00+08:00' });
    const forked = await call(server.url, 'POST', `/api/v1/drills/${id}/fork`, {
      token: commander,
      body: { name: 'before restart' },
    });
    const forkId = forked.body.id as string;
    await clock(server.url, commander, forkId, { action: 'play', speed: 3600 });
    await eventually(
      () => server.app.eventLog.lastSeq(`drill:${forkId}`) > (forked.body.seq as number),
      'the fork to be fed',
    );
    await clock(server.url, commander, id, { action: 'seek', at: '2021-07-23T10:30:00+08:00' });
    const playing = await clock(server.url, commander, id, { action: 'play', speed: 5 });
    expect(playing.at.slice(0, 16)).toBe('2021-07-23T10:30');
    await server.close();
    server = await startServer({}, server.dataDir);
    commander = tokenFor(server.app, 'commander');
    const after = await call(server.url, 'GET', `/api/v1/drills/${id}`, { token: commander });
    expect(after.body).toMatchObject({ id, playing: false, speed: 5 });
    const at = parseTime(after.body.clockAt as string);
    expect(at).toBeGreaterThanOrEqual(parseTime('2021-07-23T10:30:00+08:00'));
    expect(at).toBeLessThan(parseTime('2021-07-23T10:35:00+08:00'));
    const state = await call(server.url, 'GET', `/api/v1/state?stream=drill:${id}`, {
      token: commander,
    });
    expect(state.body.seq).toBe(after.body.seq);

    // The fork carries on from where its stream stands: no reading fed twice, no gap.
    const fork = await call(server.url, 'GET', `/api/v1/drills/${forkId}`, { token: commander });
    expect(fork.body).toMatchObject({ playing: false, parentId: id });
    await clock(server.url, commander, forkId, { action: 'play', speed: 3600 });
    const seqBefore = fork.body.seq as number;
    await eventually(
      () => server.app.eventLog.lastSeq(`drill:${forkId}`) > seqBefore + 50,
      'the fork to be fed again',
    );
    await clock(server.url, commander, forkId, { action: 'pause' });
    const events = server.app.eventLog.readAfter(`drill:${forkId}`, 0);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    expect(events.every((event, i) => event.seq === i + 1)).toBe(true);
    // Whole In-Fa recordings through the server, with the full catalogue: seconds, not a timing claim.
  }, 30_000);
});
