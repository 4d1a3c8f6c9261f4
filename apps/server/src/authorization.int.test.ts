import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiIso, type ActorRole } from '@floodnet/domain';
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

const { rainGauge, squad, compound, otherCompound } = catalogue();
type Caller = Exclude<ActorRole, 'system'>;
const CALLERS: Caller[] = ['viewer', 'duty', 'commander', 'admin', 'source', 'compound', 'squad'];
let unique = 0;
const without = (...bound: Caller[]) => CALLERS.filter((caller) => !bound.includes(caller));
/** Every reader but the accounts bound to one compound or squad. */
const COMMAND_ROOM = without('compound', 'squad');

/** Every route that needs a credential, with the callers that may use it. */
const ROUTES: {
  method: string;
  path: string;
  body?: () => unknown;
  allowed: Caller[];
}[] = [
  // Every caller reads the picture; a compound or squad account gets its own unit's view.
  { method: 'GET', path: '/api/v1/state', allowed: CALLERS },
  { method: 'GET', path: '/api/v1/state.geojson', allowed: CALLERS },
  // The command room's reads: a bound account has no business with the whole log or picture.
  { method: 'GET', path: '/api/v1/events?after=0&limit=1', allowed: COMMAND_ROOM },
  { method: 'GET', path: '/api/v1/reports', allowed: COMMAND_ROOM },
  { method: 'GET', path: '/api/v1/handover', allowed: COMMAND_ROOM },
  { method: 'GET', path: '/api/v1/evacuations', allowed: COMMAND_ROOM },
  { method: 'GET', path: '/api/v1/alerts.cap', allowed: COMMAND_ROOM },
  { method: 'GET', path: '/api/v1/plans/preview?level=IV', allowed: COMMAND_ROOM },
  { method: 'GET', path: '/api/v1/drills', allowed: COMMAND_ROOM },
  { method: 'GET', path: '/api/v1/drills/recordings', allowed: COMMAND_ROOM },
  { method: 'GET', path: '/api/v1/drills/none', allowed: COMMAND_ROOM },
  { method: 'GET', path: '/api/v1/drills/none/marks', allowed: COMMAND_ROOM },
  { method: 'GET', path: '/api/v1/compound-reports', allowed: without('squad') },
  { method: 'GET', path: '/api/v1/notices/notice-1', allowed: CALLERS },
  // Drills are the command room's, even their pictures.
  { method: 'GET', path: '/api/v1/state?stream=drill:none', allowed: COMMAND_ROOM },
  {
    method: 'POST',
    path: '/api/v1/readings',
    body: () => ({
      readings: [
        { id: `m-${(unique += 1)}`, sensorId: rainGauge.id, at: toShanghaiIso(T0), value: 1 },
      ],
    }),
    allowed: ['admin', 'source'],
  },
  {
    method: 'POST',
    path: '/api/v1/typhoon/positions',
    body: () => ({
      at: toShanghaiIso(T0),
      name: 'In-Fa',
      lat: 29,
      lng: 123,
      windMs: 30,
      pressureHpa: 970,
    }),
    allowed: ['duty', 'commander', 'admin', 'source'],
  },
  {
    method: 'POST',
    path: '/api/v1/incidents',
    body: () => ({ kind: 'other', location: { lat: 31.2, lng: 121.44 }, description: 'm' }),
    allowed: ['duty', 'commander', 'admin'],
  },
  {
    method: 'POST',
    path: '/api/v1/incidents/inc-1/assign',
    body: () => ({ squadId: squad.id }),
    allowed: ['commander', 'admin'],
  },
  { method: 'POST', path: '/api/v1/incidents/inc-1/resolve', allowed: ['commander', 'admin'] },
  {
    method: 'POST',
    path: `/api/v1/squads/${squad.id}/status`,
    body: () => ({ status: 'standby' }),
    allowed: ['duty', 'commander', 'admin', 'squad'],
  },
  { method: 'POST', path: '/api/v1/alerts/alert-1/ack', allowed: ['duty', 'commander', 'admin'] },
  {
    method: 'PUT',
    path: '/api/v1/response-level',
    body: () => ({ level: 'IV' }),
    allowed: ['commander', 'admin'],
  },
  {
    method: 'POST',
    path: '/api/v1/users',
    body: () => ({ username: `u${(unique += 1)}`, password: 'long enough pass', role: 'viewer' }),
    allowed: ['admin'],
  },
  {
    method: 'POST',
    path: '/api/v1/keys',
    body: () => ({ name: `k${(unique += 1)}` }),
    allowed: ['admin'],
  },
  {
    method: 'POST',
    path: '/api/v1/notices',
    body: () => ({ title: '台风预警', body: '请做好准备', audience: { all: true } }),
    allowed: ['duty', 'commander', 'admin'],
  },
  { method: 'GET', path: '/api/v1/notices', allowed: CALLERS },
  { method: 'POST', path: '/api/v1/notices/notice-1/delivered', allowed: ['compound', 'squad'] },
  { method: 'POST', path: '/api/v1/notices/notice-1/read', allowed: ['compound', 'squad'] },
  {
    method: 'POST',
    path: '/api/v1/notices/notice-1/ack',
    body: () => ({}),
    allowed: ['compound', 'squad'],
  },
  {
    method: 'POST',
    path: '/api/v1/compound-reports',
    body: () => ({ kind: 'other', text: '巡查正常' }),
    allowed: ['compound'],
  },
  {
    method: 'POST',
    path: '/api/v1/webhooks',
    body: () => ({ url: 'http://127.0.0.1:9/hook', events: ['notice.issued'] }),
    allowed: ['admin'],
  },
];

describe('authorisation: every route × every role', () => {
  let server: Running;
  let credentials: Record<Caller, string>;

  beforeAll(async () => {
    server = await startServer();
    credentials = {
      viewer: tokenFor(server.app, 'viewer'),
      duty: tokenFor(server.app, 'duty'),
      commander: tokenFor(server.app, 'commander'),
      admin: tokenFor(server.app, 'admin'),
      // Reading is a scope an admin grants; an ingest-only key is tried below.
      source: server.app.auth.issueKey('matrix', ['ingest', 'read']),
      compound: server.app.auth.issueToken({
        name: 'pm',
        role: 'compound',
        compoundId: compound.id,
      }),
      squad: server.app.auth.issueToken({ name: 'lead', role: 'squad', squadId: squad.id }),
    };
    // notice-1 goes to every compound and the squad, so both bound accounts are recipients.
    const issued = await call(server.url, 'POST', '/api/v1/notices', {
      token: credentials.commander,
      body: { title: '台风', body: '准备', audience: { all: true, squadIds: [squad.id] } },
    });
    expect(issued.status).toBe(201);
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.path}`, async () => {
      const send = (token?: string) =>
        call(server.url, route.method, route.path, {
          ...(token ? { token } : {}),
          ...(route.body ? { body: route.body() } : {}),
        });
      const anonymous = await send();
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error?.code).toBe('UNAUTHORIZED');
      for (const caller of CALLERS) {
        const { status, body } = await send(credentials[caller]);
        if (route.allowed.includes(caller)) {
          expect([status, caller]).not.toEqual([403, caller]);
          expect(status).not.toBe(401);
        } else {
          expect([status, caller, body.error?.code]).toEqual([403, caller, 'NOT_ALLOWED_FOR_ROLE']);
        }
      }
    });
  }

  it('keeps an ingest-only key (the default) out of every read, the socket and drills', async () => {
    const key = server.app.auth.issueKey('ingest-only');
    for (const path of ['/api/v1/state', '/api/v1/events?after=0&limit=1', '/api/v1/reports']) {
      const { status, body } = await call(server.url, 'GET', path, { token: key });
      expect([path, status, body.error?.code]).toEqual([path, 403, 'NOT_ALLOWED_FOR_SCOPE']);
    }
    const socket = connect(server.url, { token: key });
    await expect(connected(socket)).rejects.toThrow(/UNAUTHORIZED/);
    socket.close();
    const reading = { id: 'k-1', sensorId: rainGauge.id, at: toShanghaiIso(T0), value: 1 };
    const intoDrill = await call(server.url, 'POST', '/api/v1/readings?stream=drill:any', {
      token: key,
      body: { readings: [reading] },
    });
    expect(intoDrill.body.error?.code).toBe('NOT_ALLOWED_FOR_SCOPE');
    const intoLive = await call(server.url, 'POST', '/api/v1/readings', {
      token: key,
      body: { readings: [reading] },
    });
    expect(intoLive.status).toBe(202);
  });

  it('keeps a compound account to its own compound and a squad account to its own squad', async () => {
    const managers = credentials.compound;
    // A notice only to the other compound: not this manager's to read, acknowledge or see.
    const other = await call(server.url, 'POST', '/api/v1/notices', {
      token: credentials.duty,
      body: { title: '仅限', body: '…', audience: { compoundIds: [otherCompound.id] } },
    });
    const id = String(other.body.id);
    const ack = await call(server.url, 'POST', `/api/v1/notices/${id}/ack`, {
      token: managers,
      body: {},
    });
    expect([ack.status, ack.body.error?.code]).toEqual([403, 'NOT_A_RECIPIENT']);
    const peek = await call(server.url, 'GET', `/api/v1/notices/${id}`, { token: managers });
    expect(peek.status).toBe(404);
    const board = await call<{ notices: { id: string; counts: { recipients: number } }[] }>(
      server.url,
      'GET',
      '/api/v1/notices',
      { token: managers },
    );
    expect(board.body.notices.map((notice) => notice.id)).not.toContain(id);
    expect(board.body.notices.every((notice) => notice.counts.recipients === 1)).toBe(true);
    // A report always lands on the account's own compound, whatever the body says.
    const sneaky = await call(server.url, 'POST', '/api/v1/compound-reports', {
      token: managers,
      body: { kind: 'power-cut', compoundId: otherCompound.id },
    });
    expect([sneaky.status, sneaky.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const report = await call(server.url, 'POST', '/api/v1/compound-reports', {
      token: managers,
      body: { kind: 'power-cut' },
    });
    expect(report.status).toBe(201);
    const state = server.app.engine.live.state;
    expect(state.reportsByCompound[compound.id]?.length).toBeGreaterThan(0);
    expect(state.reportsByCompound[otherCompound.id]).toBeUndefined();
    // A squad leader moves only the own squad.
    const foreign = server.app.auth.issueToken({ name: 'x', role: 'squad', squadId: 'team-none' });
    const move = await call(server.url, 'POST', `/api/v1/squads/${squad.id}/status`, {
      token: foreign,
      body: { status: 'unavailable' },
    });
    expect([move.status, move.body.error?.code]).toEqual([403, 'NOT_YOUR_SQUAD']);
  });

  it('refuses the socket without a token, admits every role and a key', async () => {
    const anonymous = connect(server.url, { stream: 'live' });
    await expect(connected(anonymous)).rejects.toThrow(/UNAUTHORIZED/);
    anonymous.close();
    for (const caller of CALLERS) {
      const socket = connect(server.url, { token: credentials[caller] });
      await expect(connected(socket)).resolves.toBeUndefined();
      socket.close();
    }
  });
});
