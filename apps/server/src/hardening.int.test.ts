// The reproductions of issue 11, each replayed against a fresh server: bad times, implausible
// values, an upload without newlines, a follow flood from a screen that does not read, a full
// disk. Each must be refused with a coded error, or handled within bounds, and leave the log,
// the live clock and the screens as they were.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { toShanghaiIso } from '@floodnet/domain';
import type { SqliteEventLog } from '@floodnet/log';
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
} from './test-support.js';
import { inFaLines, ndjson, uploadDrill } from './drills/drill-fixtures.js';

const { rainGauge, assets } = catalogue();
const pump = assets.find((asset) => asset.kind === 'pump-station')!;
const gate = assets.find((asset) => asset.kind === 'tide-gate')!;

let server: Running | null = null;
afterEach(async () => {
  await server?.close();
  if (server) removeDir(server.dataDir);
  server = null;
});

async function fresh(overrides: Parameters<typeof startServer>[0] = {}) {
  server = await startServer(overrides);
  const key = server.app.auth.issueKey('gauges');
  const admin = tokenFor(server.app, 'admin');
  /** What must not move: the log's length and the live clock. */
  const mark = () => ({
    seq: server!.app.eventLog.lastSeq('live'),
    clock: server!.app.engine.live.state.clock,
  });
  return { server, key, admin, mark };
}

const reading = (at: string, value = 1, sensorId = rainGauge.id) => ({
  readings: [{ id: `r@${at}@${value}@${sensorId}`, sensorId, at, value }],
});

describe('issue 11 reproductions', { timeout: 30_000 }, () => {
  it('refuses a reading dated year 1, and GET /reports stays an ordinary request', async () => {
    const { server, key, admin, mark } = await fresh();
    const before = mark();
    const answer = await call(server.url, 'POST', '/api/v1/readings', {
      token: key,
      body: reading('0001-01-01T00:00:00Z'),
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'TIME_TOO_OLD', path: '/readings/0/at' });
    expect(mark()).toEqual(before);
    const report = await call(server.url, 'GET', '/api/v1/reports', { token: admin });
    expect(report.status).toBe(200);
  });

  it('reports a drill whose recording spans year 1 to 2021 by its events, not its hours', async () => {
    const { server, admin } = await fresh();
    const lines = inFaLines('2021-07-23T12:00:00+08:00');
    const ancient = JSON.parse(lines[1]!) as { at: string };
    ancient.at = '0001-01-01T00:00:00+08:00';
    const upload = await uploadDrill(
      server.url,
      admin,
      ndjson([lines[0]!, JSON.stringify(ancient), ...lines.slice(2)]),
    );
    expect(upload.status).toBe(201);
    const drill = upload.body as { id: string; stream: string };
    const fork = await call(server.url, 'POST', `/api/v1/drills/${drill.id}/fork`, {
      token: admin,
    });
    expect(fork.status).toBe(201);
    const report = await call<{ report: { utilisation: unknown[] } }>(
      server.url,
      'GET',
      `/api/v1/reports?stream=${drill.stream}`,
      { token: admin },
    );
    expect(report.status).toBe(200);
    expect(report.body.report.utilisation.length).toBeLessThanOrEqual(lines.length);
  });

  it('refuses a typhoon position dated 9999: the live clock stays where it was', async () => {
    const { server, key, mark } = await fresh();
    const before = mark();
    const position = { name: 'In-Fa', lat: 30, lng: 122, windMs: 30, pressureHpa: 970 };
    const answer = await call(server.url, 'POST', '/api/v1/typhoon/positions', {
      token: key,
      body: { ...position, at: '9999-12-31T23:59:59Z' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'READING_IN_FUTURE', path: '/at' });
    expect(mark()).toEqual(before);
  });

  it('refuses impossible calendar times with 422 INVALID_TIME, and never rebuilds the stream', async () => {
    const { server, key, mark } = await fresh();
    const screen = connect(server.url, { token: tokenFor(server.app, 'viewer') });
    let snapshots = 0;
    screen.on('snapshot', () => (snapshots += 1));
    await connected(screen);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = mark();
    const seen = snapshots;
    for (const at of [
      '2021-13-45T99:99:99Z',
      '2021-07-25T25:00:00Z',
      '2021-07-25T12:00:00+99:99',
      '2021-02-30T12:00:00+08:00',
    ]) {
      const answer = await call(server.url, 'POST', '/api/v1/readings', {
        token: key,
        body: reading(at),
      });
      expect([at, answer.status, answer.body.error?.code]).toEqual([at, 422, 'INVALID_TIME']);
      expect(answer.body.error?.path).toBe('/readings/0/at');
    }
    expect(mark()).toEqual(before);
    // A good reading right after is taken at once: the stream never went into recovery.
    const good = await call(server.url, 'POST', '/api/v1/readings', {
      token: key,
      body: reading(toShanghaiIso(T0)),
    });
    expect(good.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(snapshots).toBe(seen);
    screen.close();
  });

  it('refuses rain of 1e308 and pump or gate states of -5, naming the range', async () => {
    const { server, key, mark } = await fresh();
    const before = mark();
    const rain = await call(server.url, 'POST', '/api/v1/readings', {
      token: key,
      body: reading(toShanghaiIso(T0), 1e308),
    });
    expect(rain.status).toBe(422);
    expect(rain.body.error).toMatchObject({ code: 'INVALID_VALUE', path: '/readings/0/value' });
    expect(rain.body.error?.message).toMatch(/0 … 305 mm/);
    for (const sensor of [pump, gate]) {
      const state = await call(server.url, 'POST', '/api/v1/readings', {
        token: key,
        body: reading(toShanghaiIso(T0), -5, sensor.id),
      });
      expect(state.status).toBe(422);
      expect(state.body.error?.message).toMatch(/one of 0 \((stopped|open)\)/);
    }
    expect(mark()).toEqual(before);
    expect(server.app.engine.live.state.signals.rainstorm).toBeNull();
  });

  it('answers a drill upload without a newline with 413 and keeps serving', async () => {
    const lineBytes = 1024 * 1024;
    const { server, admin } = await fresh({
      uploadLimits: { lineBytes, totalBytes: 64 * lineBytes },
    });
    const oneLine = '{"seq":1,"data":"' + 'x'.repeat(6 * lineBytes) + '"}';
    const answer = await uploadDrill(server.url, admin, oneLine);
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({ code: 'LINE_TOO_LONG' });
    expect(answer.body.error?.message).toContain(String(lineBytes));
    const tooMuch = await uploadDrill(server.url, admin, 'x\n'.repeat(40 * lineBytes));
    expect(tooMuch.status).toBe(413);
    expect(tooMuch.body.error?.code).toBe('BODY_TOO_LARGE');
    expect((await call(server.url, 'GET', '/healthz')).status).toBe(200);
    const drills = await call<{ drills: unknown[] }>(server.url, 'GET', '/api/v1/drills', {
      token: admin,
    });
    expect(drills.body.drills).toEqual([]);
  });

  it('bounds what a screen that does not read can hold, whatever it asks for', async () => {
    const maxBufferedBytes = 512 * 1024;
    const { server } = await fresh({
      socketLimits: { followsPerMinute: 600, maxBufferedBytes },
    });
    const token = tokenFor(server.app, 'viewer');
    const port = new URL(server.url).port;
    const raw = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(`40${JSON.stringify({ token })}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // From here on the client reads nothing more.
    (raw as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 1200; i += 1) raw.send(`42${i}["follow",{"stream":"live"}]`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const health = await call(server.url, 'GET', '/healthz');
    expect(health.status).toBe(200);
    const { unsentBytes } = await import('./hub/socket-limits.js');
    for (const socket of server.app.hub.io.sockets.sockets.values()) {
      expect(unsentBytes(socket)).toBeLessThanOrEqual(maxBufferedBytes);
    }
    raw.terminate();
  });

  it('reports a full disk as DISK_FULL (507), not "retry shortly", and stores nothing', async () => {
    const { server, key, mark } = await fresh();
    const log = server.app.eventLog as SqliteEventLog;
    // The file may not grow: the next commit fails with SQLITE_FULL, as on a full disk.
    log.capPages(log.pageCount());
    const before = mark();
    const big = Array.from({ length: 2000 }, (_, i) => ({
      id: `full-${i}-${'x'.repeat(80)}`,
      sensorId: rainGauge.id,
      at: toShanghaiIso(T0),
      value: 1,
    }));
    const answer = await call(server.url, 'POST', '/api/v1/readings', {
      token: key,
      body: { readings: big },
    });
    expect(answer.status).toBe(507);
    expect(answer.body.error?.code).toBe('DISK_FULL');
    log.capPages(null);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mark().seq).toBe(before.seq);
  });
});
