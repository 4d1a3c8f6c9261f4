import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decodeSnapshot,
  decodeState,
  evolve,
  initialState,
  stateHash,
  toShanghaiIso,
  type EventEnvelope,
  type State,
  type StateJson,
  type WireSnapshot,
} from '@floodnet/domain';
import { call, catalogue, connect, connected, removeDir, spawnServer } from './test-support.js';

// A screen never sees what the log does not hold. A screen takes its snapshot while six gauges
// keep the server busy and commits are in flight, the server process is killed (SIGKILL, no
// shutdown) the moment the snapshot arrives, and a new one starts over the same file: everything
// the screen and a poller were shown is in the log, at the same seq, and the screen's picture
// folds to the same hash as the restarted server's.

const serverEntry = fileURLToPath(new URL('./testing/slow-commit-server.ts', import.meta.url));
const { rainGauge, waterlogging } = catalogue();
const ADMIN_PASSWORD = 'committed-reads-password';

/**
 * The server as its own process (`node --import tsx`: one process, so SIGKILL hits the server),
 * over a log that takes 150 ms to commit, so that commits are always in flight under load.
 */
async function launch(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return spawnServer(serverEntry, {
    args: [dataDir, ADMIN_PASSWORD],
    env: { SLOW_COMMIT_MS: '150' },
  });
}

async function signIn(url: string): Promise<string> {
  const session = await call(url, 'POST', '/api/v1/session', {
    body: { username: 'admin', password: ADMIN_PASSWORD },
  });
  return String(session.body.token);
}

/** The whole log, in order. */
async function readLog(url: string, token: string): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for (;;) {
    const after = events.at(-1)?.seq ?? 0;
    const page = await call(url, 'GET', `/api/v1/events?after=${after}&limit=5000`, { token });
    const lines = page.text.split('\n').filter(Boolean);
    for (const line of lines) events.push(JSON.parse(line) as EventEnvelope);
    if (lines.length < 5000) return events;
  }
}

/** A screen as the web app keeps one: a snapshot, then the events after its seq folded in. */
function screen(
  url: string,
  token: string,
  options: { afterSeq?: number; start?: State; onSnapshot?: () => void } = {},
) {
  const { afterSeq, start, onSnapshot } = options;
  const socket = connect(url, { token, stream: 'live', ...(afterSeq ? { afterSeq } : {}) });
  const picture = { state: start ?? null, seq: afterSeq ?? 0, shown: [] as EventEnvelope[] };
  socket.on('snapshot', (snapshot: WireSnapshot) => {
    onSnapshot?.();
    picture.state = decodeSnapshot(snapshot).state;
    picture.seq = snapshot.seq;
  });
  socket.on('events', (batch: EventEnvelope[]) => {
    for (const event of batch) {
      if (!picture.state || event.seq <= picture.seq) continue;
      evolve(picture.state, event);
      picture.seq = event.seq;
      picture.shown.push(event);
    }
  });
  return { socket, picture };
}

const foldTo = (log: EventEnvelope[], seq: number) => {
  const state = initialState();
  for (const event of log) if (event.seq <= seq) evolve(state, event);
  return state;
};

describe('committed-only reads', () => {
  it('shows a screen nothing a kill -9 can take back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'floodnet-committed-'));
    try {
      const first = await launch(dataDir);
      const token = await signIn(first.url);
      const key = String(
        (await call(first.url, 'POST', '/api/v1/keys', { token, body: { name: 'load' } })).body.key,
      );

      let killed = false;
      let next = 0;
      const writer = async () => {
        while (!killed) {
          const readings = Array.from({ length: 100 }, () => {
            next += 1;
            const sensor = next % 2 === 0 ? rainGauge : waterlogging;
            return {
              id: `c-${next}`,
              sensorId: sensor.id,
              at: toShanghaiIso(Date.now() - 3600_000 + next),
              value: sensor === waterlogging ? next % 70 : 0.5,
            };
          });
          try {
            await call(first.url, 'POST', '/api/v1/readings', { token: key, body: { readings } });
          } catch {
            return; // the server died under this batch
          }
        }
      };
      const writers = Array.from({ length: 6 }, writer);
      while (next < 2000) await new Promise((resolve) => setTimeout(resolve, 5));

      // Under load: a poller reads GET /state, then a screen takes its snapshot, and the server
      // is killed the moment the snapshot arrives, while commits are still in flight.
      const read = await call<{ seq: number; state: StateJson }>(
        first.url,
        'GET',
        '/api/v1/state',
        {
          token,
        },
      );
      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      const watching = screen(first.url, token, {
        onSnapshot: () => {
          first.child.kill('SIGKILL');
          killed = true;
        },
      });
      await Promise.all([exited, ...writers]);
      watching.socket.close();
      expect(watching.picture.state).not.toBeNull();
      const shownSeq = watching.picture.seq;
      const shownHash = stateHash(watching.picture.state!);

      const restarted = await launch(dataDir);
      try {
        const again = await signIn(restarted.url);
        const log = await readLog(restarted.url, again);
        const logSeq = log.at(-1)!.seq;
        // Everything the screen and the poller were shown is in the log, at the same seq.
        expect(logSeq).toBeGreaterThanOrEqual(shownSeq);
        expect(logSeq).toBeGreaterThanOrEqual(read.body.seq);
        const bySeq = new Map(log.map((event) => [event.seq, event.id]));
        const missing = watching.picture.shown.filter((event) => bySeq.get(event.seq) !== event.id);
        expect(missing).toEqual([]);
        expect(stateHash(foldTo(log, shownSeq))).toBe(shownHash);
        expect(stateHash(foldTo(log, read.body.seq))).toBe(stateHash(decodeState(read.body.state)));

        // The screen comes back with afterSeq and ends at the restarted server's very picture.
        const back = screen(restarted.url, again, {
          afterSeq: shownSeq,
          start: watching.picture.state!,
        });
        await connected(back.socket);
        while (back.picture.seq < logSeq) await new Promise((resolve) => setTimeout(resolve, 5));
        const server = await call<{ seq: number; state: StateJson }>(
          restarted.url,
          'GET',
          '/api/v1/state',
          { token: again },
        );
        back.socket.close();
        expect(back.picture.seq).toBe(server.body.seq);
        expect(stateHash(back.picture.state!)).toBe(stateHash(decodeState(server.body.state)));
      } finally {
        const stopped = new Promise((resolve) => restarted.child.once('exit', resolve));
        restarted.child.kill('SIGTERM');
        await stopped;
      }
    } finally {
      removeDir(dataDir);
    }
  }, 120_000);
});
