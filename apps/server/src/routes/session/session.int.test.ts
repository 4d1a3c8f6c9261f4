import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, removeDir, startServer, type Running } from '../../test-support.js';

describe('signing in', () => {
  let server: Running;

  beforeAll(async () => {
    server = await startServer({ loginFailuresBeforeLock: 3, loginLockSec: 60 });
    await server.app.auth.createUser('li.commander', 'correct horse battery', 'commander');
    await server.app.auth.createUser('wang.duty', 'staple paper clip', 'duty');
    await server.app.auth.createUser('zhao.viewer', 'another long phrase', 'viewer');
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('gives a token and the role for the right password', async () => {
    const { status, body } = await call(server.url, 'POST', '/api/v1/session', {
      body: { username: 'li.commander', password: 'correct horse battery' },
    });
    expect(status).toBe(200);
    expect(body.role).toBe('commander');
    const state = await call(server.url, 'GET', '/api/v1/state', { token: String(body.token) });
    expect(state.status).toBe(200);
  });

  it('refuses a wrong password with 401 BAD_CREDENTIALS', async () => {
    const { status, body } = await call(server.url, 'POST', '/api/v1/session', {
      body: { username: 'zhao.viewer', password: 'not the password' },
    });
    expect(status).toBe(401);
    expect(body.error?.code).toBe('BAD_CREDENTIALS');
  });

  it('locks one account after repeated failures while others at the same address sign in', async () => {
    for (let i = 0; i < 3; i += 1) {
      const attempt = await call(server.url, 'POST', '/api/v1/session', {
        body: { username: 'wang.duty', password: `guess ${i}` },
      });
      expect(attempt.status).toBe(401);
    }
    const locked = await call(server.url, 'POST', '/api/v1/session', {
      body: { username: 'wang.duty', password: 'staple paper clip' },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error?.code).toBe('LOGIN_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);

    const colleague = await call(server.url, 'POST', '/api/v1/session', {
      body: { username: 'li.commander', password: 'correct horse battery' },
    });
    expect(colleague.status).toBe(200);
  });

  it('refuses reads without a token, with a coded error', async () => {
    const { status, body } = await call(server.url, 'GET', '/api/v1/state');
    expect(status).toBe(401);
    expect(body.error?.code).toBe('UNAUTHORIZED');
  });
});
