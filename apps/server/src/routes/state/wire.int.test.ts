import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kind, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  EventEnvelopeSchema,
  StreamStateSchema,
  type EventEnvelope,
  type WireSnapshot,
} from '@floodnet/domain';
import {
  call,
  catalogue,
  connect,
  connected,
  removeDir,
  startServer,
  tokenFor,
  type Running,
} from '../../test-support.js';

const WIRE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/;
const { rainGauge, waterlogging } = catalogue();

interface Found {
  path: string;
  value: unknown;
}

/** Every value the wire schema says is a time, with its path, walking the answer by the schema. */
function timesIn(schema: TSchema, value: unknown, path = '', found: Found[] = []): Found[] {
  if (value === null || value === undefined) return found;
  if (schema.format === 'date-time') found.push({ path, value });
  else if (schema[Kind] === 'Object') {
    for (const [key, inner] of Object.entries(schema.properties as Record<string, TSchema>))
      timesIn(inner, (value as Record<string, unknown>)[key], `${path}/${key}`, found);
  } else if (schema[Kind] === 'Record') {
    const inner = Object.values(schema.patternProperties as Record<string, TSchema>)[0]!;
    for (const [key, item] of Object.entries(value as object))
      timesIn(inner, item, `${path}/${key}`, found);
  } else if (schema[Kind] === 'Array' && Array.isArray(value)) {
    value.forEach((item, i) => timesIn(schema.items as TSchema, item, `${path}/${i}`, found));
  } else if (schema[Kind] === 'Tuple' && Array.isArray(value)) {
    (schema.items as TSchema[]).forEach((inner, i) =>
      timesIn(inner, value[i], `${path}/${i}`, found),
    );
  } else if (schema[Kind] === 'Union') {
    // `X | null`: the non-null member describes the value.
    for (const member of schema.anyOf as TSchema[])
      if (member[Kind] !== 'Null') timesIn(member, value, path, found);
  }
  return found;
}

function expectWireTimes(snapshot: unknown): Found[] {
  const times = timesIn(StreamStateSchema, snapshot);
  const wrong = times.filter(({ value }) => typeof value !== 'string' || !WIRE_TIME.test(value));
  expect(wrong).toEqual([]);
  const check = TypeCompiler.Compile(StreamStateSchema);
  expect(check.Errors(snapshot).First()).toBeUndefined();
  return times;
}

describe('times on the wire', () => {
  let server: Running;
  let gauges: string;
  let viewer: string;

  beforeAll(async () => {
    server = await startServer();
    gauges = server.app.auth.issueKey('gauges', ['ingest', 'read']);
    viewer = tokenFor(server.app, 'viewer');
    // The live clock a little past 12:30 in Shanghai, so a reading at 12:30 is in the window.
    server.clock.advance(31 * 60_000 + 250);
    const readings = [
      { id: 'utc-1', sensorId: rainGauge.id, at: '2021-07-25T04:30:00.250Z', value: 4.5 },
      { id: 'utc-2', sensorId: waterlogging.id, at: '2021-07-25T06:30:00.999+02:00', value: 31 },
    ];
    const answer = await call(server.url, 'POST', '/api/v1/readings', {
      token: gauges,
      body: { readings },
    });
    expect(answer.status).toBe(202);
    const duty = tokenFor(server.app, 'duty');
    await call(server.url, 'POST', '/api/v1/incidents', {
      token: duty,
      body: {
        kind: 'waterlogging',
        location: { lat: waterlogging.lat, lng: waterlogging.lng },
        pointId: waterlogging.id,
        description: 'water over the kerb',
      },
    });
    const commander = tokenFor(server.app, 'commander');
    await call(server.url, 'PUT', '/api/v1/response-level', {
      token: commander,
      body: { level: 'III' },
    });
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('answers GET /state with every time +08:00 to the second, and still a 304 for its ETag', async () => {
    const answer = await call<WireSnapshot>(server.url, 'GET', '/api/v1/state', { token: viewer });
    expect(answer.status).toBe(200);
    const times = expectWireTimes(answer.body);
    // Readings, an alert or two, the incident and its timeline, the level's plan tasks: many.
    expect(times.length).toBeGreaterThan(5);
    expect(answer.body.state.clock).toBe('2021-07-25T12:31:00+08:00');
    const again = await fetch(`${server.url}/api/v1/state`, {
      headers: {
        authorization: `Bearer ${viewer}`,
        'if-none-match': answer.headers.get('etag') ?? '',
      },
    });
    expect(again.status).toBe(304);
  });

  it('stores and answers a reading sent at 04:30:00.250Z as 12:30:00+08:00', async () => {
    const state = await call<WireSnapshot>(server.url, 'GET', '/api/v1/state', { token: viewer });
    expect(state.body.state.sensors[rainGauge.id]!.lastAt).toBe('2021-07-25T12:30:00+08:00');
    expect(state.body.state.sensors[waterlogging.id]!.lastAt).toBe('2021-07-25T12:30:00+08:00');
    const page = await fetch(`${server.url}/api/v1/events?after=0&limit=1000`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    const events = (await page.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as EventEnvelope);
    const check = TypeCompiler.Compile(EventEnvelopeSchema);
    for (const event of events) {
      expect(event.at).toMatch(WIRE_TIME);
      expect(check.Check(event)).toBe(true);
    }
    const recorded = events.filter((event) => event.type === 'reading.recorded');
    expect(recorded.map((event) => event.at)).toEqual([
      '2021-07-25T12:30:00+08:00',
      '2021-07-25T12:30:00+08:00',
    ]);
  });

  it('takes the same reading again, in another offset, as a duplicate', async () => {
    const answer = await call(server.url, 'POST', '/api/v1/readings', {
      token: gauges,
      body: {
        readings: [
          { id: 'utc-1', sensorId: rainGauge.id, at: '2021-07-25T12:30:00+08:00', value: 4.5 },
        ],
      },
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('answers the API keys list with its creation times in +08:00 as well', async () => {
    const admin = tokenFor(server.app, 'admin');
    const answer = await call<{ keys: { id: string; createdAt: string }[] }>(
      server.url,
      'GET',
      '/api/v1/keys',
      { token: admin },
    );
    expect(answer.body.keys.length).toBeGreaterThan(0);
    for (const key of answer.body.keys) expect(key.createdAt).toMatch(WIRE_TIME);
  });

  it('sends a socket snapshot with every time +08:00 to the second', async () => {
    const socket = connect(server.url, { token: viewer, stream: 'live' });
    const snapshot = new Promise<unknown>((resolve) => socket.once('snapshot', resolve));
    try {
      await connected(socket);
      const times = expectWireTimes(await snapshot);
      expect(times.some(({ path }) => path.startsWith('/state/incidents/'))).toBe(true);
    } finally {
      socket.close();
    }
  });
});
