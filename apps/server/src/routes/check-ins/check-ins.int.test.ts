import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  catalogue,
  removeDir,
  startServer,
  tokenFor,
  type Running,
} from '../../test-support.js';

const { squad, waterlogging } = catalogue();

describe('check-ins', () => {
  let server: Running;
  let commander: string;

  beforeAll(async () => {
    server = await startServer();
    commander = tokenFor(server.app, 'commander', 'zhang');
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  const post = (path: string, body: unknown = {}) =>
    call(server.url, 'POST', path, { token: commander, body });

  it('raises a check-in alert when a squad on scene goes silent, and a check-in clears it', async () => {
    const reported = await post('/api/v1/incidents', {
      kind: 'waterlogging',
      location: { lat: waterlogging.lat, lng: waterlogging.lng },
      description: '积水',
    });
    const id = String(reported.body.id);
    await post(`/api/v1/incidents/${id}/assign`, { squadId: squad.id });
    for (const status of ['en-route', 'on-scene'])
      expect((await post(`/api/v1/squads/${squad.id}/status`, { status })).status).toBe(200);

    server.clock.advance(31 * 60_000);
    await server.app.engine.live.execute(
      { type: 'checkCheckIns' },
      { name: 'floodnet', role: 'system' },
    );
    const state = () => server.app.engine.live.state;
    expect(state().openAlertBySubject[`check-in:${squad.id}`]).toBeDefined();

    const checkedIn = await post(`/api/v1/squads/${squad.id}/check-in`, { note: '一切正常' });
    expect(checkedIn.status).toBe(200);
    expect(state().openAlertBySubject[`check-in:${squad.id}`]).toBeUndefined();
    expect(state().checkIns[squad.id]).toMatchObject({ incidentId: id, count: 1 });
  });

  it('refuses a check-in from a squad that is not out (409)', async () => {
    const other = catalogue().assets.find((a) => a.kind === 'subdistrict-team')!;
    const answer = await post(`/api/v1/squads/${other.id}/check-in`);
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe('SQUAD_NOT_ON_A_JOB');
  });
});
