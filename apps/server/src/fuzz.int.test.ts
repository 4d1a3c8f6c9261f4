// Property-based bad input over every route and the socket (issue 11): impossible times, values
// out of range or of the wrong type, oversized strings, unicode, prototype keys and deep nesting.
// Every answer must be a coded 4xx — never a 5xx, never a crash — and afterwards the log, the
// live clock and the accounts must be exactly as they were. The event-loop delay each request
// caused is measured and printed, not asserted (timings belong in the bench).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiIso } from '@floodnet/domain';
import {
  call,
  catalogue,
  connect,
  removeDir,
  startServer,
  T0,
  tokenFor,
  type Running,
} from './test-support.js';
import { inFaLines, ndjson, uploadDrill } from './drills/drill-fixtures.js';

const { rainGauge, squad } = catalogue();
const RUNS = 20;

// ── bad values ──────────────────────────────────────────────────────────────────────────────
const two = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
/** Shaped like an ISO time, with at least one field out of its range (or a day that does not exist). */
const impossibleTime = fc.oneof(
  fc
    .tuple(fc.integer({ min: 13, max: 99 }), two(1, 28))
    .map(([m, d]) => `2021-${m}-${d}T12:00:00+08:00`),
  fc.tuple(two(24, 99), two(0, 59)).map(([h, m]) => `2021-07-25T${h}:${m}:00Z`),
  two(60, 99).map((m) => `2021-07-25T12:${m}:00Z`),
  two(60, 99).map((s) => `2021-07-25T12:00:${s}+08:00`),
  fc.tuple(two(15, 99), two(0, 99)).map(([h, m]) => `2021-07-25T12:00:00+${h}:${m}`),
  fc.constantFrom('2021-02-30T00:00:00Z', '2023-02-29T08:00:00+08:00', '2021-04-31T00:00:00Z'),
);
/** Real instants, far outside the live window. */
const outOfWindow = fc.constantFrom(
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z',
);
const prototypeKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
);
const unicode = fc.string({ unit: 'grapheme', maxLength: 40 });
const huge = fc.integer({ min: 200, max: 5000 }).map((n) => '洪'.repeat(n));
const nested = fc.integer({ min: 20, max: 400 }).map((depth) => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
});
/** Anything that is not a valid JSON number of a plausible size. */
const notANumber = fc.oneof(
  unicode,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  nested,
);
const notAString = fc.oneof(
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.object({ maxDepth: 2 }),
  nested,
);
const notATime = fc.oneof(
  impossibleTime,
  notAString,
  unicode.filter((s) => !/^\d{4}-/.test(s)),
);
const badTime = fc.oneof(
  impossibleTime,
  outOfWindow,
  notAString,
  unicode.filter((s) => !/^\d{4}-/.test(s)),
  huge,
);
const badId = fc.oneof(notAString, fc.constant(''), huge);

type Body = Record<string, unknown>;
/** A valid body with one field broken, or an extra key, or the whole body replaced. */
function broken(valid: Body, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const entries = Object.entries(fields);
  return fc.oneof(
    ...entries.map(([field, bad]) => bad.map((value) => ({ ...valid, [field]: value }))),
    fc
      .tuple(
        fc.oneof(
          prototypeKey,
          unicode.filter((key) => !(key in valid)),
        ),
        fc.anything(),
      )
      .map(
        ([key, value]) =>
          JSON.parse(
            `{${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'},${JSON.stringify(valid).slice(1)}`,
          ) as unknown,
      ),
    fc.oneof(nested, fc.array(fc.anything(), { maxLength: 5 }), fc.constant(null), unicode),
  );
}

const at = toShanghaiIso(T0);
const reading = { id: 'fz', sensorId: rainGauge.id, at, value: 1 };
const wrap = (readings: unknown) => ({ readings });
const position = { at, name: 'In-Fa', lat: 30, lng: 122, windMs: 30, pressureHpa: 970 };

interface Route {
  method: string;
  path: fc.Arbitrary<string>;
  body?: fc.Arbitrary<unknown>;
  /** Who calls: the most privileged caller, so the input, not the role, is what fails. */
  as: 'admin' | 'key' | 'none';
}
const fixed = (path: string) => fc.constant(path);
const oddId = fc.oneof(prototypeKey, unicode.filter(Boolean), huge).map(encodeURIComponent);

function routes(drillId: string): Route[] {
  return [
    {
      method: 'POST',
      path: fixed('/api/v1/readings'),
      as: 'key',
      body: fc.oneof(
        broken(reading, {
          at: badTime,
          value: fc.oneof(notANumber, fc.constantFrom(1e308, -1e308, -5, 306)),
          sensorId: badId,
          id: badId,
        }).map((item) => wrap([item])),
        broken(wrap([reading]), { readings: fc.oneof(fc.constant([]), notAString) }),
      ),
    },
    {
      method: 'POST',
      path: fixed('/api/v1/typhoon/positions'),
      as: 'key',
      body: broken(position, {
        at: badTime,
        lat: fc.oneof(notANumber, fc.constantFrom(91, -91)),
        windMs: fc.oneof(notANumber, fc.constant(-1)),
        name: badId,
      }),
    },
    {
      method: 'POST',
      path: fixed('/api/v1/incidents'),
      as: 'admin',
      body: broken(
        { kind: 'other', location: { lat: 31.2, lng: 121.44 }, description: 'fz' },
        {
          kind: fc.oneof(unicode, notAString),
          location: fc.oneof(notAString, fc.constant({ lat: 'x', lng: 1 })),
          description: fc.oneof(
            notAString,
            fc.integer({ min: 2001, max: 20_000 }).map((n) => '洪'.repeat(n)),
          ),
        },
      ),
    },
    {
      method: 'POST',
      path: fixed('/api/v1/incidents/inc-1/assign'),
      as: 'admin',
      body: broken({ squadId: squad.id }, { squadId: badId }),
    },
    { method: 'POST', path: oddId.map((id) => `/api/v1/incidents/${id}/resolve`), as: 'admin' },
    {
      method: 'POST',
      path: fixed(`/api/v1/squads/${squad.id}/status`),
      as: 'admin',
      body: broken({ status: 'standby' }, { status: fc.oneof(unicode, notAString) }),
    },
    { method: 'POST', path: oddId.map((id) => `/api/v1/alerts/${id}/ack`), as: 'admin' },
    {
      method: 'PUT',
      path: fixed('/api/v1/response-level'),
      as: 'admin',
      body: broken({ level: 'IV' }, { level: fc.oneof(unicode, fc.double(), fc.constant('V')) }),
    },
    {
      method: 'POST',
      path: fixed('/api/v1/users'),
      as: 'admin',
      body: broken(
        { username: 'fz.user', password: 'long enough pass', role: 'viewer' },
        {
          username: fc.oneof(
            // Key names are labels (any 1–64 characters): only these are not.
            fc.constantFrom('', '   ', '徐汇\u0000雨量', 'x\u007f', '雨'.repeat(65)),
            notAString,
          ),
          password: fc.oneof(fc.constant('short'), notAString),
          role: fc.oneof(unicode, fc.constant('root')),
        },
      ),
    },
    {
      method: 'PATCH',
      path: fixed('/api/v1/users/admin'),
      as: 'admin',
      body: broken(
        { role: 'admin' },
        {
          role: fc.oneof(unicode, notAString),
          disabled: fc.oneof(unicode, fc.integer()),
          password: fc.constant('short'),
        },
      ),
    },
    {
      method: 'PATCH',
      path: oddId.map((id) => `/api/v1/users/${id}`),
      as: 'admin',
      body: fc.constant({ disabled: true }),
    },
    { method: 'DELETE', path: oddId.map((id) => `/api/v1/users/${id}`), as: 'admin' },
    {
      method: 'POST',
      path: fixed('/api/v1/keys'),
      as: 'admin',
      body: broken(
        { name: 'fz-key' },
        {
          name: fc.oneof(
            // Key names are labels (any 1–64 characters): only these are not.
            fc.constantFrom('', '   ', '徐汇\u0000雨量', 'x\u007f', '雨'.repeat(65)),
            notAString,
          ),
          scopes: fc.oneof(fc.constant([]), fc.constant(['admin']), notAString),
        },
      ),
    },
    { method: 'DELETE', path: oddId.map((id) => `/api/v1/keys/${id}`), as: 'admin' },
    {
      method: 'POST',
      path: fixed('/api/v1/session'),
      as: 'none',
      body: broken(
        { username: 'admin', password: 'wrong password' },
        { username: fc.oneof(notAString, huge), password: fc.oneof(notAString, huge) },
      ),
    },
    {
      method: 'POST',
      path: fixed(`/api/v1/drills/${drillId}/clock`),
      as: 'admin',
      body: broken(
        { action: 'seek', at },
        {
          action: fc.oneof(unicode, notAString),
          at: notATime,
          speed: fc.oneof(notANumber, fc.constantFrom(0, 3601, -1)),
        },
      ),
    },
    {
      method: 'POST',
      path: fixed('/api/v1/drills'),
      as: 'admin',
      body: broken(
        { recording: 'no-such-recording' },
        { recording: fc.oneof(notAString, fc.constantFrom('../../etc/passwd', '..', '%2e%2e')) },
      ),
    },
    { method: 'GET', path: oddId.map((id) => `/api/v1/drills/${id}`), as: 'admin' },
    {
      method: 'GET',
      path: fc
        .tuple(
          fc.oneof(unicode, fc.constantFrom('-1', '1.5', '1e999', 'NaN')),
          fc.constantFrom('0', '-3', 'x', '100000'),
        )
        .map(
          ([after, limit]) => `/api/v1/events?after=${encodeURIComponent(after)}&limit=${limit}`,
        ),
      as: 'admin',
    },
    { method: 'GET', path: oddId.map((id) => `/api/v1/state?stream=${id}`), as: 'admin' },
    {
      method: 'GET',
      path: fc
        .tuple(oddId, fc.constantFrom('pdf', 'xml', ''))
        .map(([id, format]) => `/api/v1/reports?stream=${id}&format=${format}`),
      as: 'admin',
    },
  ];
}

describe('fuzz: bad input over every route and the socket', { timeout: 120_000 }, () => {
  let server: Running;
  let admin: string;
  let key: string;
  let drillId: string;
  const delays: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });

  /** Everything that must come out of the fuzz exactly as it went in. */
  const world = () => ({
    streams: server.app.eventLog.streams().map(({ stream, lastSeq }) => [stream, lastSeq]),
    clock: server.app.engine.live.state.clock,
    users: server.app.auth.listUsers(),
    keys: server.app.auth.listKeys().map(({ name, scopes }) => [name, scopes]),
  });
  let before: ReturnType<typeof world>;

  beforeAll(async () => {
    server = await startServer({ logger: false, loginFailuresBeforeLock: 1_000_000 });
    admin = tokenFor(server.app, 'admin');
    key = server.app.auth.issueKey('fuzz-gauges');
    const upload = await uploadDrill(
      server.url,
      admin,
      ndjson(inFaLines('2021-07-23T10:00:00+08:00')),
    );
    drillId = (upload.body as { id: string }).id;
    await new Promise((resolve) => setTimeout(resolve, 100));
    before = world();
    loop.enable();
  });
  afterAll(async () => {
    loop.disable();
    await server.close();
    removeDir(server.dataDir);
  });

  it('answers every bad request with a coded 4xx and changes nothing', async () => {
    for (const route of routes(drillId)) {
      await fc.assert(
        fc.asyncProperty(route.path, route.body ?? fc.constant(undefined), async (path, body) => {
          loop.reset();
          const token = route.as === 'admin' ? admin : route.as === 'key' ? key : undefined;
          const answer = await call(server.url, route.method, path, {
            ...(token ? { token } : {}),
            ...(body === undefined ? {} : { raw: JSON.stringify(body) ?? 'null' }),
          });
          delays.push(loop.max / 1e6);
          const where = `${route.method} ${path.slice(0, 80)} ${String(JSON.stringify(body)).slice(0, 120)}`;
          expect(answer.status, where).toBeGreaterThanOrEqual(400);
          expect(answer.status, where).toBeLessThan(500);
          expect(typeof answer.body.error?.code, where).toBe('string');
        }),
        { numRuns: RUNS },
      );
    }
    expect(world()).toEqual(before);
  });

  it('answers malformed JSON and wrong media types with a coded 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          unicode.map((s) => `{${s}`),
          fc.constantFrom('{"a":1,}', '[', '{"__proto__":{"x":1}}', '\u0000'),
        ),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (raw, type) => {
          const answer = await call(server.url, 'POST', '/api/v1/readings', {
            token: key,
            raw,
            headers: { 'content-type': type },
          });
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
          expect(typeof answer.body.error?.code).toBe('string');
        },
      ),
      { numRuns: 30 },
    );
    expect(world()).toEqual(before);
  });

  it('refuses bad handshakes and bad follow requests with a coded error, never a crash', async () => {
    const handshake = fc.oneof(
      fc.record({ token: fc.oneof(unicode, notAString, huge) }, { requiredKeys: [] }),
      fc
        .record(
          {
            token: fc.constant(admin),
            stream: fc.oneof(oddId, notAString),
            afterSeq: fc.oneof(fc.constantFrom(-1, 1.5, -1e300), notANumber),
          },
          { requiredKeys: ['token'] },
        )
        .filter((auth) => 'stream' in auth || 'afterSeq' in auth),
    );
    await fc.assert(
      fc.asyncProperty(handshake, async (auth) => {
        const socket = connect(server.url, auth as Record<string, unknown>);
        const refusal = await new Promise<{ data?: { code?: string } } | null>((resolve) => {
          const timer = setTimeout(() => resolve({ data: { code: 'NO ANSWER' } }), 3000);
          socket.once('connect', () => resolve(null));
          socket.once('connect_error', (error) => {
            clearTimeout(timer);
            resolve(error as { data?: { code?: string } });
          });
        });
        socket.close();
        expect(refusal, JSON.stringify(auth).slice(0, 120)).not.toBeNull();
        expect(typeof refusal?.data?.code).toBe('string');
        expect(refusal?.data?.code).not.toBe('NO ANSWER');
      }),
      { numRuns: 30 },
    );
    const screen = connect(server.url, { token: admin });
    await new Promise<void>((resolve) => screen.once('connect', () => resolve()));
    const badFollow = fc
      .oneof(
        fc.anything(),
        fc.record({
          stream: fc.oneof(oddId, notAString),
          afterSeq: fc.oneof(fc.constantFrom(-1, 0.5), notANumber),
        }),
        fc
          .tuple(prototypeKey, fc.anything())
          .map(
            ([k, v]) =>
              JSON.parse(
                `{${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'},"stream":"live"}`,
              ) as unknown,
          ),
      )
      .filter(
        (request) =>
          !(
            typeof request === 'object' &&
            request !== null &&
            Object.keys(request).join() === 'stream' &&
            (request as { stream: unknown }).stream === 'live'
          ),
      );
    await fc.assert(
      fc.asyncProperty(badFollow, async (request) => {
        const reply = (await screen.timeout(5000).emitWithAck('follow', request)) as {
          ok: boolean;
          error?: { code: string };
        };
        expect(reply.ok, JSON.stringify(request)?.slice(0, 120)).toBe(false);
        expect(typeof reply.error?.code).toBe('string');
      }),
      { numRuns: 40 },
    );
    screen.close();
    expect((await call(server.url, 'GET', '/healthz')).status).toBe(200);
    expect(world()).toEqual(before);
  });

  it('reports the event-loop delay each bad request caused', () => {
    const sorted = [...delays].sort((a, b) => a - b);
    const q = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    console.log(
      `fuzz: ${sorted.length} bad requests; event-loop delay per request p50 ${q(0.5).toFixed(1)} ms, ` +
        `p99 ${q(0.99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms (test client included)`,
    );
    expect(sorted.length).toBeGreaterThan(0);
  });
});
