import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolve, stateHash, toShanghaiIso, type EventEnvelope, type State } from '@floodnet/domain';
import type { Socket } from 'socket.io-client';
import {
  call,
  catalogue,
  connect,
  connected,
  removeDir,
  startServer,
  T0,
  tokenFor,
  type Running,
} from '../test-support.js';
import { decodeSnapshot, type WireSnapshot } from '@floodnet/domain';

const { rainGauge, waterlogging } = catalogue();

/** A screen as the web app keeps it: a snapshot, then every event folded exactly once. */
function follower(socket: Socket) {
  const screen = { state: null as State | null, gaps: 0, duplicates: 0, snapshots: 0 };
  socket.on('snapshot', (snapshot: WireSnapshot) => {
    screen.state = decodeSnapshot(snapshot).state;
    screen.snapshots += 1;
  });
  socket.on('events', (batch: EventEnvelope[]) => {
    for (const event of batch) {
      const state = screen.state;
      if (!state) throw new Error('events before any picture');
      if (event.seq <= state.seq) screen.duplicates += 1;
      else if (event.seq !== state.seq + 1) screen.gaps += 1;
      else evolve(state, event);
    }
  });
  return screen;
}

function until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (test()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 10);
  });
}

describe('the live stream', () => {
  let server: Running;
  let key: string;
  let viewer: string;
  let minute = 0;

  beforeAll(async () => {
    server = await startServer({ catchUpLimit: 5_000 });
    key = server.app.auth.issueKey('gauges', ['ingest', 'read']);
    viewer = tokenFor(server.app, 'viewer');
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  /** Pushes `n` readings alternating between a rain gauge and a waterlogging point. */
  async function pushReadings(n: number): Promise<void> {
    const readings = Array.from({ length: n }, (_, i) => {
      minute += 1;
      const point = i % 2 === 0;
      return {
        id: `r-${minute}`,
        sensorId: point ? waterlogging.id : rainGauge.id,
        at: toShanghaiIso(T0 - 3 * 24 * 3600_000 + minute * 60_000),
        value: point ? (minute % 40) * 1.5 : (minute % 7) * 1.2,
      };
    });
    const answer = await call(server.url, 'POST', '/api/v1/readings', {
      token: key,
      body: { readings },
    });
    expect(answer.status).toBe(202);
  }

  const serverState = async () =>
    decodeSnapshot(
      (
        await call<WireSnapshot>(server.url, 'GET', '/api/v1/state', {
          token: viewer,
        })
      ).body,
    );

  it('brings a client that missed 1,000 events back to the exact picture, no gap, no duplicate', async () => {
    const first = connect(server.url, { token: viewer, stream: 'live' });
    const screen = follower(first);
    await connected(first);
    await until(() => screen.state !== null, 'the first snapshot');
    await pushReadings(10);
    await until(() => screen.state?.seq === server.app.engine.live.state.seq, 'live events');
    first.close();
    const lastSeen = screen.state!.seq;

    for (let i = 0; i < 10; i += 1) await pushReadings(100);
    const target = server.app.engine.live.state.seq;
    expect(target - lastSeen).toBeGreaterThanOrEqual(1000);

    const again = connect(server.url, { token: viewer, stream: 'live', afterSeq: lastSeen });
    const resumed = follower(again);
    resumed.state = screen.state;
    const joined = connected(again);
    // More readings race the reconnection: they must arrive once each, after the catch-up.
    await Promise.all([joined, pushReadings(50), pushReadings(50)]);
    const { seq, state } = await serverState();
    await until(() => resumed.state?.seq === seq, 'the catch-up');
    expect(resumed.snapshots).toBe(0);
    expect(resumed.gaps).toBe(0);
    expect(resumed.duplicates).toBe(0);
    expect(stateHash(resumed.state!)).toBe(stateHash(state));
    again.close();
  });

  it('counts on /metrics every frame a screen got, with how long it waited and took', async () => {
    const framesSent = async () => {
      const text = (await call(server.url, 'GET', '/metrics')).text;
      const send = /^floodnet_hub_frame_send_seconds_count (\d+)$/m.exec(text);
      const wait = /^floodnet_hub_frame_wait_seconds_count (\d+)$/m.exec(text);
      expect(wait?.[1]).toBe(send?.[1]);
      return Number(send?.[1]);
    };
    const socket = connect(server.url, { token: viewer, stream: 'live' });
    const screen = follower(socket);
    let frames = 0;
    socket.on('events', () => (frames += 1));
    await connected(socket);
    await until(() => screen.state !== null, 'the snapshot');
    const before = await framesSent();
    for (let i = 0; i < 3; i += 1) await pushReadings(5);
    await until(() => screen.state?.seq === server.app.engine.live.state.seq, 'the readings');
    expect(frames).toBeGreaterThan(0);
    expect((await framesSent()) - before).toBe(frames);
    socket.close();
  });

  it('sends a fresh snapshot to a client too far behind', async () => {
    const far = await startServer({ catchUpLimit: 20 });
    try {
      const before = far.app.engine.live.state.seq;
      const gauges = far.app.auth.issueKey('gauges', ['ingest', 'read']);
      const readings = Array.from({ length: 30 }, (_, i) => ({
        id: `far-${i}`,
        sensorId: rainGauge.id,
        at: toShanghaiIso(T0 - 3600_000 + i * 60_000),
        value: 0.5,
      }));
      await call(far.url, 'POST', '/api/v1/readings', { token: gauges, body: { readings } });
      const socket = connect(far.url, { token: tokenFor(far.app, 'viewer'), afterSeq: before });
      const screen = follower(socket);
      await connected(socket);
      await until(() => screen.snapshots === 1, 'a snapshot');
      expect(screen.state?.seq).toBe(far.app.engine.live.state.seq);
      socket.close();
    } finally {
      await far.close();
      removeDir(far.dataDir);
    }
  });

  it('refuses a handshake without a token, or with a bad one', async () => {
    for (const auth of [{}, { token: 'forged.token' }]) {
      const socket = connect(server.url, auth);
      const error = await connected(socket).then(
        () => null,
        (refusal: Error) => refusal,
      );
      expect(error?.message).toMatch(/UNAUTHORIZED/);
      socket.close();
    }
  });

  it('refuses a browser from an origin not on the allowlist, admits an allowed one', async () => {
    const stranger = connect(server.url, { token: viewer }, { origin: 'http://evil.example' });
    await expect(connected(stranger)).rejects.toBeTruthy();
    stranger.close();
    const port = new URL(server.url).port;
    const friend = connect(server.url, { token: viewer }, { origin: `http://localhost:${port}` });
    await expect(connected(friend)).resolves.toBeUndefined();
    friend.close();
  });

  it('answers follow with an ack, and refuses a malformed one', async () => {
    const socket = connect(server.url, { token: viewer });
    await connected(socket);
    const ok = await socket.emitWithAck('follow', { stream: 'live', afterSeq: 0 });
    expect(ok).toMatchObject({ ok: true, stream: 'live' });
    const bad = await socket.emitWithAck('follow', { stream: 'nowhere' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const unknown = await socket.emitWithAck('follow', { stream: 'drill:none' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_STREAM' } });
    socket.close();
  });
});
