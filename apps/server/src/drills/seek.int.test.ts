import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeSnapshot,
  decodeState,
  evolve,
  initialState,
  parseTime,
  stateHash,
  toShanghaiIso,
  type EventEnvelope,
  type State,
  type WireSnapshot,
} from '@floodnet/domain';
import { mulberry32 } from '@floodnet/sim';
import {
  call,
  connect,
  connected,
  removeDir,
  startServer,
  tokenFor,
  type Running,
} from '../test-support.js';
import type { StreamSnapshot } from '../hub/protocol.js';
import { clock, hasInFaRecording, inFaLines, ndjson, uploadDrill } from './drill-fixtures.js';

/**
 * The expected picture at each time: the recording folded from the start up to the last event
 * at or before that time (the largest seq whose time is ≤ T), in one pass.
 */
function foldedHashes(lines: string[], times: number[]): Map<number, string> {
  const events = lines.map((line) => JSON.parse(line) as EventEnvelope);
  const targets = times.map((t) => {
    let seq = 0;
    for (const event of events) if (parseTime(event.at) <= t) seq = event.seq;
    return { t, seq };
  });
  const hashes = new Map<number, string>();
  const state: State = initialState();
  const bySeq = [...targets].sort((a, b) => a.seq - b.seq);
  let next = 0;
  for (; next < bySeq.length && bySeq[next]!.seq === 0; next += 1) {
    hashes.set(bySeq[next]!.t, stateHash(state));
  }
  for (const event of events) {
    evolve(state, event);
    while (next < bySeq.length && bySeq[next]!.seq === event.seq) {
      hashes.set(bySeq[next]!.t, stateHash(state));
      next += 1;
    }
  }
  return hashes;
}

describe('seeking a drill', () => {
  let server: Running;
  let commander: string;
  let lines: string[];
  let drill: { id: string; stream: string; from: string; to: string; events: number };

  beforeAll(async () => {
    // Small snapshot spacing so the 25 seeks land between many snapshots.
    server = await startServer({ snapshotEvery: 5000 });
    commander = tokenFor(server.app, 'commander');
    lines = inFaLines();
    const created = hasInFaRecording
      ? await call(server.url, 'POST', '/api/v1/drills', {
          token: commander,
          body: { recording: 'in-fa-2021' },
        })
      : await uploadDrill(server.url, commander, ndjson(lines), 'in-fa-2021');
    expect(created.status, created.text).toBe(201);
    drill = created.body as typeof drill;
  }, 60_000);

  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('imports the whole recording, paused at its first event', async () => {
    expect(drill.stream).toBe(`drill:${drill.id}`);
    expect(drill.events).toBe(lines.length);
    expect(drill.from).toBe(toShanghaiIso(parseTime(JSON.parse(lines[0]!).at)));
    expect(drill.to).toBe(toShanghaiIso(parseTime(JSON.parse(lines.at(-1)!).at)));
    const state = await call(server.url, 'GET', `/api/v1/state?stream=${drill.stream}`, {
      token: commander,
    });
    // The picture is the drill at its clock, not the end of the recording.
    expect(state.body.seq).toBeLessThan(lines.length);
  });

  it('has a snapshot of the recording within 2,500 events before every seq, so a seek folds at most that many', () => {
    // The server's log snapshots every 5,000 here; a recording's spacing is 2,500 whatever the
    // log's (or the log's own when denser). Read before any seek could leave snapshots behind.
    const every = 2_500;
    const log = server.app.eventLog;
    for (let multiple = 0; multiple <= drill.events; multiple += every) {
      const lastBeforeNext = Math.min(multiple + every - 1, drill.events);
      expect(
        log.latestSnapshot(drill.stream, lastBeforeNext)?.seq ?? 0,
        `seq ${lastBeforeNext}`,
      ).toBe(multiple);
    }
  });

  it('shows the same picture after a seek to T as a fold from the start to T, for 25 random T', async () => {
    const random = mulberry32(2106);
    const from = parseTime(JSON.parse(lines[0]!).at);
    const to = parseTime(JSON.parse(lines.at(-1)!).at);
    // Whole seconds and minutes both: a seek between two events and one exactly on an event.
    const times = Array.from({ length: 25 }, (_, i) => {
      const t = from + random() * (to - from);
      return i % 2 === 0 ? Math.floor(t / 1000) * 1000 : Math.floor(t / 60_000) * 60_000;
    });
    const expected = foldedHashes(lines, times);
    for (const t of times) {
      const answer = await clock(server.url, commander, drill.id, {
        action: 'seek',
        at: toShanghaiIso(t),
      });
      expect(answer.at).toBe(toShanghaiIso(t));
      const state = await call<WireSnapshot>(
        server.url,
        'GET',
        `/api/v1/state?stream=${drill.stream}`,
        { token: commander },
      );
      expect(state.body.seq).toBe(answer.seq);
      expect(stateHash(decodeState(state.body.state)), `seek to ${toShanghaiIso(t)}`).toBe(
        expected.get(t),
      );
    }
    // Whole In-Fa recordings through the server, with the full catalogue: seconds, not a timing claim.
  }, 30_000);

  it('lets nobody read the recording ahead of the drill clock through the events API', async () => {
    const answer = await clock(server.url, commander, drill.id, {
      action: 'seek',
      at: '2021-07-25T14:00:00+08:00',
    });
    const page = await fetch(
      `${server.url}/api/v1/events?stream=${drill.stream}&after=${answer.seq - 5}&limit=100`,
      { headers: { authorization: `Bearer ${commander}` } },
    );
    const seqs = (await page.text())
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as EventEnvelope).seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5].map((i) => answer.seq - 5 + i));
  });

  it('sends a follower a fresh snapshot after a seek, and the recorded events as it plays', async () => {
    const socket = connect(server.url, { token: commander, stream: drill.stream });
    const snapshots: StreamSnapshot[] = [];
    const received: EventEnvelope[] = [];
    socket.on('snapshot', (snapshot: WireSnapshot) => snapshots.push(decodeSnapshot(snapshot)));
    socket.on('events', (batch: EventEnvelope[]) => received.push(...batch));
    await connected(socket);
    try {
      const target = '2021-07-25T14:00:00+08:00';
      const sought = await clock(server.url, commander, drill.id, { action: 'seek', at: target });
      await expect.poll(() => snapshots.at(-1)?.seq).toBe(sought.seq);
      const screen = snapshots.at(-1)!.state;
      await clock(server.url, commander, drill.id, { action: 'play', speed: 3600 });
      await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThan(50);
      const paused = await clock(server.url, commander, drill.id, { action: 'pause' });
      await expect.poll(() => received.at(-1)?.seq).toBe(paused.seq);
      // The follower folds exactly what the drill shows: no gap, nothing twice.
      for (const event of received) {
        expect(event.stream).toBe(drill.stream);
        expect(event.seq).toBe(screen.seq + 1);
        evolve(screen, event);
      }
      expect(parseTime(paused.at)).toBeGreaterThan(parseTime(target));
      const state = await call<WireSnapshot>(
        server.url,
        'GET',
        `/api/v1/state?stream=${drill.stream}`,
        { token: commander },
      );
      expect(stateHash(screen)).toBe(stateHash(decodeState(state.body.state)));
    } finally {
      socket.disconnect();
    }
  });
});
