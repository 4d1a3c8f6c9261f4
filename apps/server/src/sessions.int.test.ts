// Issue 11, sessions and sign-in: tokens that end, accounts and keys an admin can change or
// remove (each closing the sockets it opened), keys that only do what they were granted, a
// login backoff no stranger can turn against the user, and an ingest limit that counts readings.
import { request } from 'node:http';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { toShanghaiIso } from '@floodnet/domain';
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

const { rainGauge } = catalogue();
let server: Running | null = null;
afterEach(async () => {
  await server?.close();
  if (server) removeDir(server.dataDir);
  server = null;
});

async function signIn(url: string, username: string, password: string, from = '127.0.0.1') {
  // A real client address per caller: 127.0.0.0/8 is all loopback, so each test "place" is one.
  return new Promise<{ status: number; body: { token?: string; error?: { code: string } } }>(
    (resolve, reject) => {
      const body = JSON.stringify({ username, password });
      const target = new URL('/api/v1/session', url);
      const req = request(
        target,
        {
          method: 'POST',
          localAddress: from,
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    },
  );
}

/** Resolves when the server closes the socket. */
const closedByServer = (socket: Socket) =>
  new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

async function withUsers(overrides: Parameters<typeof startServer>[0] = {}) {
  server = await startServer({ loginFailuresBeforeLock: 5, loginLockSec: 60, ...overrides });
  await server.app.auth.createUser('li.commander', 'correct horse battery', 'commander');
  await server.app.auth.createUser('wang.duty', 'staple paper clip', 'duty');
  return { server, admin: tokenFor(server.app, 'admin') };
}

describe('sessions and accounts', { timeout: 30_000 }, () => {
  it('signs out: the token is refused at once and its socket is closed', async () => {
    const { server } = await withUsers();
    const { body } = await signIn(server.url, 'wang.duty', 'staple paper clip');
    const token = body.token!;
    const socket = connect(server.url, { token });
    await connected(socket);
    const closed = closedByServer(socket);
    const out = await call(server.url, 'DELETE', '/api/v1/session', { token });
    expect(out.status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    const after = await call(server.url, 'GET', '/api/v1/state', { token });
    expect(after.body.error?.code).toBe('UNAUTHORIZED');
  });

  it('disables, demotes, resets and removes accounts, each revoking tokens and sockets', async () => {
    const { server, admin } = await withUsers();
    const login = async () =>
      (await signIn(server.url, 'li.commander', 'correct horse battery')).body.token!;
    const changes: [string, string, unknown][] = [
      ['PATCH', '/api/v1/users/li.commander', { role: 'viewer' }],
      ['PATCH', '/api/v1/users/li.commander', { password: 'correct horse battery' }],
      ['PATCH', '/api/v1/users/li.commander', { disabled: true }],
    ];
    for (const [method, path, body] of changes) {
      const token = await login();
      const socket = connect(server.url, { token });
      await connected(socket);
      const closed = closedByServer(socket);
      const answer = await call(server.url, method, path, { token: admin, body });
      expect(answer.status).toBe(200);
      await closed;
      expect((await call(server.url, 'GET', '/api/v1/state', { token })).status).toBe(401);
    }
    // Disabled: the right password no longer signs in.
    expect((await signIn(server.url, 'li.commander', 'correct horse battery')).status).toBe(401);
    await call(server.url, 'PATCH', '/api/v1/users/li.commander', {
      token: admin,
      body: { disabled: false, role: 'commander' },
    });
    const token = await login();
    expect(
      (await call(server.url, 'DELETE', '/api/v1/users/li.commander', { token: admin })).status,
    ).toBe(204);
    expect((await call(server.url, 'GET', '/api/v1/state', { token })).status).toBe(401);
    const gone = await call(server.url, 'DELETE', '/api/v1/users/li.commander', { token: admin });
    expect(gone.body.error?.code).toBe('UNKNOWN_USER');
    const list = await call<{ users: { username: string }[] }>(server.url, 'GET', '/api/v1/users', {
      token: admin,
    });
    expect(list.body.users.map((user) => user.username)).not.toContain('li.commander');
  });

  it('keeps the last enabled admin', async () => {
    const { server, admin } = await withUsers();
    const last = await call(server.url, 'PATCH', '/api/v1/users/admin', {
      token: admin,
      body: { disabled: true },
    });
    expect([last.status, last.body.error?.code]).toEqual([409, 'LAST_ADMIN']);
  });

  it('ends tokens after the configured lifetime', async () => {
    const { server } = await withUsers({ tokenTtlSec: 1 });
    const { body } = await signIn(server.url, 'wang.duty', 'staple paper clip');
    expect((await call(server.url, 'GET', '/api/v1/state', { token: body.token })).status).toBe(
      200,
    );
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await call(server.url, 'GET', '/api/v1/state', { token: body.token })).status).toBe(
      401,
    );
  });

  it('closes the sockets of a rotated or revoked key, and keys read only when granted', async () => {
    const { server, admin } = await withUsers();
    const issued = await call<{ id: string; key: string; scopes: string[] }>(
      server.url,
      'POST',
      '/api/v1/keys',
      {
        token: admin,
        body: { name: 'city-platform', scopes: ['ingest', 'read'] },
      },
    );
    expect(issued.body.scopes).toEqual(['ingest', 'read']);
    const socket = connect(server.url, { token: issued.body.key });
    await connected(socket);
    const closed = closedByServer(socket);
    const rotated = await call<{ key: string; scopes: string[] }>(
      server.url,
      'POST',
      '/api/v1/keys',
      {
        token: admin,
        body: { name: 'city-platform' },
      },
    );
    await closed;
    expect(rotated.body.scopes).toEqual(['ingest']);
    expect(
      (await call(server.url, 'GET', '/api/v1/state', { token: rotated.body.key })).body.error
        ?.code,
    ).toBe('NOT_ALLOWED_FOR_SCOPE');
    const push = (key: string) =>
      call(server.url, 'POST', '/api/v1/readings', {
        token: key,
        body: {
          readings: [
            { id: `k-${key.slice(0, 6)}`, sensorId: rainGauge.id, at: toShanghaiIso(T0), value: 1 },
          ],
        },
      });
    expect((await push(rotated.body.key)).status).toBe(202);
    expect((await push(issued.body.key)).status).toBe(401);
    expect(
      (await call(server.url, 'DELETE', '/api/v1/keys/city-platform', { token: admin })).status,
    ).toBe(204);
    expect((await push(rotated.body.key)).status).toBe(401);
  });

  it('forks a drill with no body, and no key writes into it', async () => {
    const { server, admin } = await withUsers();
    const upload = await uploadDrill(
      server.url,
      admin,
      ndjson(inFaLines('2021-07-23T10:00:00+08:00')),
    );
    const fork = await call<{ stream: string }>(
      server.url,
      'POST',
      `/api/v1/drills/${(upload.body as { id: string }).id}/fork`,
      {
        token: admin,
      },
    );
    expect(fork.status).toBe(201);
    const key = server.app.auth.issueKey('gauges', ['ingest', 'read']);
    const position = {
      at: toShanghaiIso(T0),
      name: 'In-Fa',
      lat: 30,
      lng: 122,
      windMs: 30,
      pressureHpa: 970,
    };
    const into = await call(
      server.url,
      'POST',
      `/api/v1/typhoon/positions?stream=${fork.body.stream}`,
      {
        token: key,
        body: position,
      },
    );
    expect([into.status, into.body.error?.code]).toEqual([403, 'NOT_ALLOWED_FOR_SCOPE']);
  });
});

describe('signing in under attack', { timeout: 30_000 }, () => {
  it('never lets anonymous failures from one place lock the user out from another', async () => {
    const { server } = await withUsers();
    for (let i = 0; i < 8; i += 1) {
      const guess = await signIn(server.url, 'wang.duty', `guess ${i}`, '127.0.0.2');
      expect(guess.status).toBe(401 + (i >= 5 ? 28 : 0)); // 401, then 429 once locked
    }
    const attacker = await signIn(server.url, 'wang.duty', 'staple paper clip', '127.0.0.2');
    expect(attacker.body.error?.code).toBe('LOGIN_LOCKED');
    const user = await signIn(server.url, 'wang.duty', 'staple paper clip', '127.0.0.3');
    expect(user.status).toBe(200);
  });

  it('lets a whole command room behind one address sign in at shift change', async () => {
    const { server } = await withUsers();
    for (let i = 0; i < 12; i += 1) {
      await server.app.auth.createUser(`room.${i}`, `shift change ${i} pass`, 'duty');
    }
    // One colleague mistypes a few times; everyone else, same address, signs in at once.
    for (let i = 0; i < 3; i += 1) await signIn(server.url, 'room.0', 'typo', '127.0.0.4');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signIn(server.url, `room.${i}`, `shift change ${i} pass`, '127.0.0.4'),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  });
});

describe('fair ingest', { timeout: 30_000 }, () => {
  it('counts readings, not requests: one big batch uses the allowance another key keeps', async () => {
    server = await startServer({ ingestPerMinute: 1000 });
    const busy = server.app.auth.issueKey('busy');
    const quiet = server.app.auth.issueKey('quiet');
    const batch = (prefix: string, n: number) => ({
      readings: Array.from({ length: n }, (_, i) => ({
        id: `${prefix}-${i}`,
        sensorId: rainGauge.id,
        at: toShanghaiIso(T0 - i * 1000),
        value: 0.5,
      })),
    });
    const first = await call(server.url, 'POST', '/api/v1/readings', {
      token: busy,
      body: batch('a', 900),
    });
    expect(first.status).toBe(202);
    const second = await call(server.url, 'POST', '/api/v1/readings', {
      token: busy,
      body: batch('b', 200),
    });
    expect([second.status, second.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await call(server.url, 'POST', '/api/v1/readings', {
      token: quiet,
      body: batch('c', 200),
    });
    expect(other.status).toBe(202);
  });
});

describe('restarts', { timeout: 30_000 }, () => {
  it('does not rewrite an unchanged FLOODNET_ADMIN_PASSWORD', async () => {
    const first = await startServer({ adminPassword: 'the same admin password' });
    const salt = () =>
      (first.app.auth as unknown as { listUsers(): unknown }).listUsers() &&
      readSalt(first.dataDir);
    const before = salt();
    await first.close();
    server = await startServer({ adminPassword: 'the same admin password' }, first.dataDir);
    expect(readSalt(first.dataDir)).toEqual(before);
    expect((await signIn(server.url, 'admin', 'the same admin password')).status).toBe(200);
  });
});

function readSalt(dataDir: string): string {
  // The stored salt changes whenever the password is written again.
  const db = new Database(`${dataDir}/auth.sqlite`, { readonly: true });
  const row = db.prepare(`SELECT hex(salt) AS salt FROM users WHERE username = 'admin'`).get() as {
    salt: string;
  };
  db.close();
  return row.salt;
}
