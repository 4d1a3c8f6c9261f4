import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockOnHand, type Asset } from '@floodnet/domain';
import {
  call,
  catalogue,
  removeDir,
  startServer,
  tokenFor,
  type Running,
} from '../../test-support.js';

const { assets, waterlogging } = catalogue();
const store = assets.find((asset) => asset.kind === 'warehouse') as Extract<
  Asset,
  { kind: 'warehouse' }
>;
const vehicle = assets.find((asset) => asset.kind === 'vehicle')!;

describe('materials to incidents', () => {
  let server: Running;
  let commander: string;
  let duty: string;
  let incidentId: string;

  beforeAll(async () => {
    server = await startServer();
    commander = tokenFor(server.app, 'commander', 'zhang');
    duty = tokenFor(server.app, 'duty', 'li');
    const reported = await call(server.url, 'POST', '/api/v1/incidents', {
      token: duty,
      body: {
        kind: 'underpass-flooded',
        location: { lat: waterlogging.lat, lng: waterlogging.lng },
        description: '下立交积水',
      },
    });
    incidentId = String(reported.body.id);
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  const send = (items: Record<string, number>, token = commander) =>
    call(server.url, 'POST', `/api/v1/incidents/${incidentId}/materials`, {
      token,
      body: { fromId: store.id, items, vehicleId: vehicle.id },
    });
  const onHand = () => stockOnHand(server.app.engine.live.state, store.id)!;

  it('gives twenty commanders racing for the last 100 sandbags exactly one success', async () => {
    const first = await send({ sandbags: onHand().sandbags - 100 });
    expect(first.status).toBe(201);
    expect(onHand().sandbags).toBe(100);

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send({ sandbags: 100 }, tokenFor(server.app, 'commander', `c${i}`)),
      ),
    );
    const won = answers.filter((answer) => answer.status === 201);
    const lost = answers.filter((answer) => answer.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    expect(lost[0]!.body.error).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      path: '/items/sandbags',
    });
    expect(lost[0]!.body.error?.message).toContain('0 bags of sandbags left');
    expect(onHand().sandbags).toBe(0);
    const alerts = Object.values(server.app.engine.live.state.alerts);
    expect(
      alerts.some(
        (a) =>
          a.kind === 'low-stock' && a.subjectId === `${store.id}/sandbags` && a.severity === 'red',
      ),
    ).toBe(true);
  });

  it('moves a request through dispatched, delivered and returned, and what comes back is on the shelf', async () => {
    const before = onHand()['water-barriers'];
    const sent = await send({ 'water-barriers': 10 });
    expect(sent.status).toBe(201);
    const id = String(sent.body.id);
    for (const step of ['dispatch', 'deliver'])
      expect(
        (
          await call(server.url, 'POST', `/api/v1/materials/${id}/${step}`, {
            token: duty,
            body: {},
          })
        ).status,
      ).toBe(200);
    const early = await call(server.url, 'POST', `/api/v1/materials/${id}/deliver`, {
      token: duty,
      body: {},
    });
    expect(early.body.error?.code).toBe('INVALID_MATERIAL_STEP');
    const back = await call(server.url, 'POST', `/api/v1/materials/${id}/return`, {
      token: duty,
      body: { items: { 'water-barriers': 4 } },
    });
    expect(back.status).toBe(200);
    expect(onHand()['water-barriers']).toBe(before - 6);
    expect(server.app.engine.live.state.materialRequests[id]).toMatchObject({
      status: 'returned',
      used: { 'water-barriers': 6 },
    });
  });

  it('refuses a body naming no material, or an unknown type, with the field', async () => {
    const none = await send({});
    expect(none.status).toBe(400);
    const unknown = await send({ bricks: 5 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe('VALIDATION_FAILED');
  });

  it('lets only commanders send materials', async () => {
    expect((await send({ sandbags: 1 }, duty)).body.error?.code).toBe('NOT_ALLOWED_FOR_ROLE');
  });
});
