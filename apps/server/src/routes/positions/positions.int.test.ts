import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiIso } from '@floodnet/domain';
import {
  call,
  catalogue,
  removeDir,
  startServer,
  T0,
  tokenFor,
  type Running,
} from '../../test-support.js';

const { assets } = catalogue();
const vehicle = assets.find((asset) => asset.kind === 'vehicle')!;
const at = (seconds: number) => toShanghaiIso(T0 - 600_000 + seconds * 1000);

describe('positions from trackers', () => {
  let server: Running;
  let key: string;

  beforeAll(async () => {
    server = await startServer();
    key = server.app.auth.issueKey('fleet-trackers');
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  const push = (positions: unknown[], token = key) =>
    call(server.url, 'POST', '/api/v1/positions', { token, body: { positions } });
  const fix = (id: string, seconds: number, dLat = 0) => ({
    id,
    unitId: vehicle.id,
    at: at(seconds),
    lat: vehicle.lat + dLat,
    lng: vehicle.lng,
    speedKmh: 20,
  });

  it('moves the vehicle, and a repeated id is acknowledged without being stored twice', async () => {
    const first = await push([fix('f-1', 0), fix('f-2', 30, 0.001)]);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 0, flagged: 0 });
    expect(server.app.engine.live.state.positions[vehicle.id]?.lat).toBeCloseTo(
      vehicle.lat + 0.001,
      6,
    );
    const again = await push([fix('f-2', 30, 0.001)]);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('refuses a whole batch with an unknown unit (422), naming the item and field', async () => {
    const seq = server.app.engine.live.state.seq;
    const answer = await push([
      fix('g-1', 60, 0.002),
      { ...fix('g-2', 60), unitId: 'no-such-truck' },
    ]);
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'UNKNOWN_UNIT', path: '/positions/1/unitId' });
    expect(server.app.engine.live.state.seq).toBe(seq);
  });

  it('refuses a fix far outside the district, and flags one implying more than 200 km/h', async () => {
    const far = await push([{ ...fix('h-1', 90), lat: 30.5 }]);
    expect(far.body.error).toMatchObject({
      code: 'POSITION_OUT_OF_AREA',
      path: '/positions/0/lat',
    });
    const jump = await push([fix('h-2', 95, 0.1)]);
    expect(jump.status).toBe(202);
    expect(jump.body).toMatchObject({ accepted: 1, flagged: 1 });
    expect(server.app.engine.live.state.positions[vehicle.id]?.lat).toBeCloseTo(
      vehicle.lat + 0.001,
      6,
    );
  });

  it('refuses a malformed fix with its index, and people without a tracking key', async () => {
    const bad = await push([fix('i-1', 100), { ...fix('i-2', 100), lat: 'north' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.path).toBe('/positions/1/lat');
    const person = await push([fix('i-3', 100)], tokenFor(server.app, 'commander'));
    expect(person.body.error?.code).toBe('NOT_ALLOWED_FOR_ROLE');
  });
});
