import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCompound } from '@floodnet/domain';
import { call, removeDir, startServer, tokenFor, type Running } from '../../test-support.js';

let server: Running;
let admin = '';
const csv = (lines: string[]) => ['username,password,role,unit', ...lines].join('\n');
const upload = (body: string, token = admin) =>
  call(server.url, 'POST', '/api/v1/users/bulk', {
    token,
    raw: body,
    headers: { 'content-type': 'text/csv' },
  });

beforeAll(async () => {
  server = await startServer();
  admin = tokenFor(server.app, 'admin');
});
afterAll(async () => {
  await server.close();
  removeDir(server.dataDir);
});

describe('bulk accounts from CSV', () => {
  it('creates one bound account per compound, each signing in for its own compound', async () => {
    const compounds = Object.values(server.app.engine.live.state.assets).filter(isCompound);
    const lines = compounds.map((c, i) => `pm-${i},managers pass ${i},compound,${c.id}`);
    const answer = await upload(csv(lines));
    expect([answer.status, answer.body.created]).toEqual([201, compounds.length]);
    const session = await call(server.url, 'POST', '/api/v1/session', {
      body: { username: 'pm-0', password: 'managers pass 0' },
    });
    expect(session.body).toMatchObject({ role: 'compound', compoundId: compounds[0]!.id });
  }, 60_000);

  it('names the line at fault and creates nothing', async () => {
    const answer = await upload(
      csv([
        'pm-new-1,managers pass x,compound,rc-test-1',
        'pm-new-2,managers pass y,compound,rc-nowhere',
      ]),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'CSV_INVALID', path: '/line/3' });
    expect(answer.body.error?.message).toContain('line 3: no such compound: rc-nowhere');
    const none = await call(server.url, 'POST', '/api/v1/session', {
      body: { username: 'pm-new-1', password: 'managers pass x' },
    });
    expect(none.status).toBe(401);
    for (const [lines, message] of [
      [['a,short,compound,x'], 'line 2: the password needs at least 10 characters'],
      [['a,long enough pw,mayor,'], 'line 2: role "mayor" is not one of'],
      [['a,long enough pw,duty'], 'line 2: 3 fields, expected 4'],
      [['a,long enough pw,duty,rc-x'], 'line 2: role duty is not bound'],
      [
        ['b,long enough pw,duty,', 'b,long enough pw,duty,'],
        'line 3: username b is already on line 2',
      ],
    ] as [string[], string][]) {
      const refused = await upload(csv(lines));
      expect([refused.status, refused.body.error?.message]).toEqual([
        422,
        expect.stringContaining(message),
      ]);
    }
    const header = await upload('name,pass\nx,y');
    expect(header.body.error?.message).toContain('line 1: the header must be');
  });

  it('is for admins only', async () => {
    const answer = await upload(csv(['z,long enough pw,viewer,']), tokenFor(server.app, 'duty'));
    expect(answer.status).toBe(403);
  });
});
