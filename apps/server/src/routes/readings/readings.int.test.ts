import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiIso, type EventEnvelope } from '@floodnet/domain';
import {
  call,
  catalogue,
  collectEvents,
  connect,
  connected,
  removeDir,
  startServer,
  T0,
  type Running,
} from '../../test-support.js';

const { waterlogging, underpass, rainGauge } = catalogue();
const at = (minutes: number) => toShanghaiIso(T0 - 60 * 60_000 + minutes * 60_000);

describe('ingest of readings', () => {
  let server: Running;
  let key: string;
  let viewer: string;

  beforeAll(async () => {
    server = await startServer();
    key = server.app.auth.issueKey('xuhui-gauges');
    viewer = server.app.auth.issueToken({ name: 'zhao', role: 'viewer' });
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  const push = (readings: unknown[], token = key) =>
    call(server.url, 'POST', '/api/v1/readings', { token, body: { readings } });
  const count = async () => {
    const { text } = await call(server.url, 'GET', '/api/v1/events?after=0&limit=10000', {
      token: viewer,
    });
    return text.trim().split('\n').filter(Boolean).length;
  };

  it('turns water over the alarm line into alert.raised on a connected screen', async () => {
    const socket = connect(server.url, { token: viewer, stream: 'live' });
    const stream = collectEvents(socket);
    await connected(socket);
    const deep = waterlogging.thresholdCm * 2;
    const answer = await push([
      { id: 'wl-1', sensorId: waterlogging.id, at: at(1), value: deep },
      { id: 'up-1', sensorId: underpass.id, at: at(1), value: underpass.closeAtCm + 1 },
    ]);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ accepted: 2, duplicates: 0 });

    const raisedFor = (events: EventEnvelope[], subject: string) =>
      events.some((event) => event.type === 'alert.raised' && event.data.subjectId === subject);
    await stream.until(
      (events) => raisedFor(events, waterlogging.id) && raisedFor(events, underpass.id),
    );
    expect(stream.received.some((event) => event.type === 'underpass.closed')).toBe(true);
    const seqs = stream.received.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    socket.close();
  });

  it('acknowledges a repeated reading id without storing it twice', async () => {
    const reading = { id: 'rain-7', sensorId: rainGauge.id, at: at(5), value: 2.5 };
    const first = await push([reading]);
    const before = await count();
    const again = await push([reading, { ...reading }]);
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await count()).toBe(before);
  });

  it('refuses a whole batch with a bad item, naming the item and field', async () => {
    const before = await count();
    const readings = Array.from({ length: 6 }, (_, i) => ({
      id: `batch-${i}`,
      sensorId: rainGauge.id,
      at: at(10 + i),
      value: 1,
    }));
    const bad = readings.map((reading, i) => (i === 3 ? { ...reading, value: 'lots' } : reading));
    const answer = await push(bad);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error?.path).toBe('/readings/3/value');
    expect(answer.body.error?.message).toContain('/readings/3/value');
    expect(await count()).toBe(before);
  });

  it('refuses an unknown sensor and a time far in the future, storing nothing', async () => {
    const before = await count();
    const good = { id: 'ok-1', sensorId: rainGauge.id, at: at(30), value: 1 };
    const unknown = await push([
      good,
      { id: 'x-1', sensorId: 'no-such-gauge', at: at(30), value: 1 },
    ]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({
      code: 'UNKNOWN_SENSOR',
      path: '/readings/1/sensorId',
    });

    const future = toShanghaiIso(server.clock.now() + 2 * 3600_000);
    const late = await push([good, { id: 'f-1', sensorId: rainGauge.id, at: future, value: 1 }]);
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'READING_IN_FUTURE', path: '/readings/1/at' });
    expect(await count()).toBe(before);
  });

  it('names the original index when duplicates were dropped before the bad item', async () => {
    const answer = await push([
      { id: 'rain-7', sensorId: rainGauge.id, at: at(5), value: 2.5 },
      { id: 'fresh-1', sensorId: 'no-such-gauge', at: at(31), value: 1 },
    ]);
    expect(answer.body.error?.path).toBe('/readings/1/sensorId');
  });

  it('lets only sources and admins push readings', async () => {
    const answer = await push(
      [{ id: 'v-1', sensorId: rainGauge.id, at: at(40), value: 1 }],
      viewer,
    );
    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe('NOT_ALLOWED_FOR_ROLE');
  });

  it('limits ingest per API key, with Retry-After, without slowing other keys', async () => {
    const limited = await startServer({ ingestPerMinute: 2 });
    try {
      const busy = limited.app.auth.issueKey('busy-network');
      const quiet = limited.app.auth.issueKey('quiet-network');
      const send = (token: string, id: string) =>
        call(limited.url, 'POST', '/api/v1/readings', {
          token,
          body: { readings: [{ id, sensorId: rainGauge.id, at: at(50), value: 0 }] },
        });
      expect((await send(busy, 'b1')).status).toBe(202);
      expect((await send(busy, 'b2')).status).toBe(202);
      const third = await send(busy, 'b3');
      expect(third.status).toBe(429);
      expect(third.body.error?.code).toBe('RATE_LIMITED');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await send(quiet, 'q1')).status).toBe(202);
    } finally {
      await limited.close();
      removeDir(limited.dataDir);
    }
  });
});
