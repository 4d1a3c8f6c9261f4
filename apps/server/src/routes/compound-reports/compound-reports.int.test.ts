import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, catalogue, removeDir, startServer, type Running } from '../../test-support.js';

const { compound } = catalogue();
let server: Running;
let manager = '';

beforeAll(async () => {
  server = await startServer();
  manager = server.app.auth.issueToken({ name: 'pm', role: 'compound', compoundId: compound.id });
});
afterAll(async () => {
  await server.close();
  removeDir(server.dataDir);
});

const report = (key?: string) =>
  call(server.url, 'POST', '/api/v1/compound-reports', {
    token: manager,
    body: { kind: 'water-depth', depthCm: 30, where: 'garage' },
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

describe('reports from a phone on a poor connection', () => {
  it('keeps a report resent with the same Idempotency-Key once, in flight and after a restart', async () => {
    const [first, again] = await Promise.all([report('phone-key-0001'), report('phone-key-0001')]);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    const later = await report('phone-key-0001');
    expect(later.body.id).toBe(first.body.id);
    const other = await report('phone-key-0002');
    expect(other.body.id).not.toBe(first.body.id);
    const count = () => server.app.engine.live.state.reportsByCompound[compound.id]?.length;
    expect(count()).toBe(2);
    // The server forgets its answers when it restarts; the log still holds the key.
    const { dataDir } = server;
    await server.close();
    server = await startServer({}, dataDir);
    manager = server.app.auth.issueToken({ name: 'pm', role: 'compound', compoundId: compound.id });
    const resent = await report('phone-key-0002');
    expect([resent.status, resent.body.id]).toEqual([201, other.body.id]);
    expect(count()).toBe(2);
  });

  it('raises the alert at the compound for 30 cm in the garage', () => {
    const alertId =
      server.app.engine.live.state.openAlertBySubject[`compound-report:${compound.id}`];
    expect(alertId && server.app.engine.live.state.alerts[alertId]).toMatchObject({
      kind: 'compound-report',
      value: 30,
    });
  });
});
