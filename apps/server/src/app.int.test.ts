import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateHash, toShanghaiIso, type State } from '@floodnet/domain';
import { openSqliteLog } from '@floodnet/log';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  call,
  catalogue,
  removeDir,
  startServer,
  T0,
  tokenFor,
  type Running,
} from './test-support.js';

const { waterlogging, rainGauge, squad, assets } = catalogue();

describe('the server as a whole', () => {
  let server: Running;
  let admin: string;
  let commander: string;
  let duty: string;
  let viewer: string;
  let key: string;

  beforeAll(async () => {
    server = await startServer();
    admin = tokenFor(server.app, 'admin');
    commander = tokenFor(server.app, 'commander');
    duty = tokenFor(server.app, 'duty');
    viewer = tokenFor(server.app, 'viewer');
    key = server.app.auth.issueKey('gauges');
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('registers the asset catalogue on the first start of live', async () => {
    const { body } = await call<{ state: State }>(server.url, 'GET', '/api/v1/state', {
      token: viewer,
    });
    expect(Object.keys(body.state.assets)).toHaveLength(assets.length);
    expect(body.state.units[squad.id]?.status).toBe('standby');
  });

  it('lets a duty officer acknowledge an alert a reading raised, once', async () => {
    await call(server.url, 'POST', '/api/v1/readings', {
      token: key,
      body: {
        readings: [{ id: 'deep-1', sensorId: waterlogging.id, at: toShanghaiIso(T0), value: 60 }],
      },
    });
    const { body } = await call<{ state: State }>(server.url, 'GET', '/api/v1/state', {
      token: duty,
    });
    const alertId = body.state.openAlertBySubject[`waterlogging:${waterlogging.id}`]!;
    const first = await call(server.url, 'POST', `/api/v1/alerts/${alertId}/ack`, { token: duty });
    expect(first.status).toBe(200);
    const second = await call(server.url, 'POST', `/api/v1/alerts/${alertId}/ack`, { token: duty });
    expect(second.status).toBe(409);
    expect(second.body.error?.code).toBe('ALERT_ALREADY_ACKNOWLEDGED');
    const byViewer = await call(server.url, 'POST', `/api/v1/alerts/${alertId}/ack`, {
      token: viewer,
    });
    expect(byViewer.status).toBe(403);
  });

  it('sets the response level for a commander only, and moves a squad through its states', async () => {
    const level = await call(server.url, 'PUT', '/api/v1/response-level', {
      token: commander,
      body: { level: 'III' },
    });
    expect(level.status).toBe(200);
    const byDuty = await call(server.url, 'PUT', '/api/v1/response-level', {
      token: duty,
      body: { level: 'I' },
    });
    expect(byDuty.status).toBe(403);
    const wrongStep = await call(server.url, 'POST', `/api/v1/squads/${squad.id}/status`, {
      token: duty,
      body: { status: 'on-scene' },
    });
    expect(wrongStep.status).toBe(409);
    expect(wrongStep.body.error?.code).toBe('INVALID_STATUS_CHANGE');
    const away = await call(server.url, 'POST', `/api/v1/squads/${squad.id}/status`, {
      token: duty,
      body: { status: 'unavailable' },
    });
    expect(away.status).toBe(200);
  });

  it('records a typhoon position from a source', async () => {
    const answer = await call(server.url, 'POST', '/api/v1/typhoon/positions', {
      token: key,
      body: {
        at: toShanghaiIso(T0),
        name: 'In-Fa',
        lat: 30.2,
        lng: 122.0,
        windMs: 38,
        pressureHpa: 965,
      },
    });
    expect(answer.status).toBe(200);
  });

  it('serves the picture as GeoJSON with kind, id, name and status on every feature', async () => {
    const { status, body, headers } = await call<{
      type: string;
      features: { properties: Record<string, unknown> }[];
    }>(server.url, 'GET', '/api/v1/state.geojson', { token: viewer });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('application/geo+json');
    expect(body.type).toBe('FeatureCollection');
    for (const feature of body.features) {
      expect(feature.properties).toEqual(
        expect.objectContaining({
          kind: expect.any(String),
          id: expect.any(String),
          name: expect.any(String),
          status: expect.any(String),
        }),
      );
    }
    const point = body.features.find((feature) => feature.properties.id === waterlogging.id);
    expect(point?.properties).toMatchObject({ status: 'red', depth: 60 });
  });

  it('pages through the log as NDJSON', async () => {
    const first = await call(server.url, 'GET', '/api/v1/events?after=0&limit=2', {
      token: key,
    });
    expect(first.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = first.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((event) => event.seq)).toEqual([1, 2]);
    expect(lines[0]).toMatchObject({ stream: 'live', type: 'assets.registered' });
    const next = await call(server.url, 'GET', '/api/v1/events?after=2&limit=1', { token: key });
    expect(JSON.parse(next.text.trim()).seq).toBe(3);
    const unknown = await call(server.url, 'GET', '/api/v1/events?stream=drill:nope', {
      token: key,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('UNKNOWN_STREAM');
  });

  it('lets only an admin create users and keys; a new key can push readings', async () => {
    const user = await call(server.url, 'POST', '/api/v1/users', {
      token: admin,
      body: { username: 'chen.duty', password: 'a long enough phrase', role: 'duty' },
    });
    expect(user.status).toBe(201);
    const again = await call(server.url, 'POST', '/api/v1/users', {
      token: admin,
      body: { username: 'chen.duty', password: 'a long enough phrase', role: 'duty' },
    });
    expect(again.status).toBe(409);
    const byCommander = await call(server.url, 'POST', '/api/v1/keys', {
      token: commander,
      body: { name: 'city-platform' },
    });
    expect(byCommander.status).toBe(403);
    const issued = await call(server.url, 'POST', '/api/v1/keys', {
      token: admin,
      body: { name: 'city-platform' },
    });
    expect(issued.status).toBe(201);
    const pushed = await call(server.url, 'POST', '/api/v1/readings', {
      token: String(issued.body.key),
      body: {
        readings: [{ id: 'city-1', sensorId: rainGauge.id, at: toShanghaiIso(T0), value: 1 }],
      },
    });
    expect(pushed.status).toBe(202);
    const login = await call(server.url, 'POST', '/api/v1/session', {
      body: { username: 'chen.duty', password: 'a long enough phrase' },
    });
    expect(login.body.role).toBe('duty');
  });

  it('answers health, metrics, config, geography and the OpenAPI document', async () => {
    const health = await call(server.url, 'GET', '/healthz');
    expect(health.body).toMatchObject({ status: 'ok', clients: 0 });
    expect(health.body.seq).toBe(server.app.engine.live.state.seq);
    const metrics = await call(server.url, 'GET', '/metrics');
    expect(metrics.text).toMatch(/floodnet_events_appended_total\{stream="live"\} \d+/);
    expect(metrics.text).toContain('floodnet_ingest_latency_seconds_bucket');
    expect(metrics.text).toContain('floodnet_event_loop_lag_seconds_bucket');
    const config = await call(server.url, 'GET', '/api/v1/config');
    expect(config.body).toEqual({ tiles: null, sim: false, drill: true });
    const geography = await call(server.url, 'GET', '/api/v1/geography');
    expect(Object.keys(geography.body)).toEqual(['district', 'jiezhen', 'huangpu', 'keyAreas']);
    const cached = await call(server.url, 'GET', '/api/v1/geography', {
      headers: { 'if-none-match': geography.headers.get('etag')! },
    });
    expect(cached.status).toBe(304);
    const docs = await call<{ paths: Record<string, unknown> }>(server.url, 'GET', '/docs/json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/session',
        '/api/v1/readings',
        '/api/v1/state',
        '/api/v1/state.geojson',
        '/api/v1/events',
        '/api/v1/incidents',
        '/api/v1/incidents/{id}/assign',
        '/api/v1/incidents/{id}/resolve',
        '/api/v1/squads/{id}/status',
        '/api/v1/alerts/{id}/ack',
        '/api/v1/response-level',
        '/api/v1/typhoon/positions',
        '/api/v1/users',
        '/api/v1/keys',
        '/healthz',
        '/metrics',
      ]),
    );
  });

  it('answers unknown paths and oversized bodies with coded errors', async () => {
    const missing = await call(server.url, 'GET', '/api/v1/nothing-here', { token: viewer });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe('NOT_FOUND');
    const huge = await call(server.url, 'POST', '/api/v1/incidents', {
      token: commander,
      body: {
        kind: 'other',
        location: { lat: 31.2, lng: 121.4 },
        description: 'x'.repeat(100_000),
      },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error?.code).toBe('BODY_TOO_LARGE');
  });
});

describe('the web app', () => {
  it('serves the built app at / and index.html for client-side routes, JSON 404 for the API', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'floodnet-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>floodnet</title>');
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log("floodnet")');
    const server = await startServer({ webDir });
    try {
      const root = await call(server.url, 'GET', '/');
      expect(root.text).toContain('<title>floodnet</title>');
      const script = await call(server.url, 'GET', '/assets/app.js');
      expect(script.headers.get('content-type')).toContain('javascript');
      const route = await call(server.url, 'GET', '/incidents/inc-3', {
        headers: { accept: 'text/html' },
      });
      expect(route.status).toBe(200);
      expect(route.text).toContain('<title>floodnet</title>');
      const api = await call(server.url, 'GET', '/api/v1/nothing');
      expect(api.status).toBe(404);
      expect(api.body.error?.code).toBe('NOT_FOUND');
    } finally {
      await server.close();
      removeDir(server.dataDir);
      removeDir(webDir);
    }
  });
});

describe('restarts', () => {
  it('rebuilds the same picture from the log after a restart', async () => {
    const first = await startServer({ snapshotEvery: 50 });
    const key = first.app.auth.issueKey('gauges');
    for (let batch = 0; batch < 4; batch += 1) {
      const readings = Array.from({ length: 40 }, (_, i) => ({
        id: `b${batch}-${i}`,
        sensorId: i % 2 ? rainGauge.id : waterlogging.id,
        at: toShanghaiIso(T0 - 3600_000 + (batch * 40 + i) * 10_000),
        value: i % 2 ? 3 : (i % 30) * 2,
      }));
      await call(first.url, 'POST', '/api/v1/readings', { token: key, body: { readings } });
    }
    const viewer = tokenFor(first.app, 'viewer');
    const before = await call<{ seq: number; state: State }>(first.url, 'GET', '/api/v1/state', {
      token: viewer,
    });
    await first.close();

    const second = await startServer({ snapshotEvery: 50 }, first.dataDir);
    try {
      const after = await call<{ seq: number; state: State }>(second.url, 'GET', '/api/v1/state', {
        token: tokenFor(second.app, 'viewer'),
      });
      expect(after.body.seq).toBe(before.body.seq);
      expect(stateHash(after.body.state)).toBe(stateHash(before.body.state));
      // Tokens survive the restart: the signing secret is kept in the data folder.
      const again = await call(second.url, 'GET', '/healthz', { token: viewer });
      expect(again.status).toBe(200);
      const read = await call(second.url, 'GET', '/api/v1/state', { token: viewer });
      expect(read.status).toBe(200);
    } finally {
      await second.close();
      removeDir(first.dataDir);
    }
  });

  it('rebuilds from the log and refuses nothing it acknowledged when a write fails', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'floodnet-failing-'));
    const log = openSqliteLog({ file: join(dataDir, 'floodnet.sqlite') });
    let failNext = false;
    const append = log.append.bind(log);
    log.append = (stream, events) =>
      failNext
        ? ((failNext = false), Promise.reject(new Error('disk full (simulated)')))
        : append(stream, events);
    const server = await startServer({ eventLog: log }, dataDir);
    try {
      const commander = tokenFor(server.app, 'commander');
      const report = () =>
        call(server.url, 'POST', '/api/v1/incidents', {
          token: commander,
          body: { kind: 'other', location: { lat: 31.2, lng: 121.44 }, description: 'tree' },
        });
      expect((await report()).status).toBe(201);
      const seq = server.app.engine.live.state.seq;
      failNext = true;
      const failed = await report();
      expect(failed.status).toBe(503);
      expect(failed.body.error?.code).toBe('LOG_UNAVAILABLE');
      expect(server.app.engine.live.state.seq).toBe(seq);
      const next = await report();
      expect(next.status).toBe(201);
      expect(next.body.id).toBe('inc-2');
      // Retried readings are still acknowledged as duplicates after the recovery.
      const key = server.app.auth.issueKey('gauges');
      const readings = [{ id: 'after-1', sensorId: rainGauge.id, at: toShanghaiIso(T0), value: 1 }];
      const stored = await call(server.url, 'POST', '/api/v1/readings', {
        token: key,
        body: { readings },
      });
      expect(stored.body).toMatchObject({ accepted: 1, duplicates: 0 });
      const retried = await call(server.url, 'POST', '/api/v1/readings', {
        token: key,
        body: { readings },
      });
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ accepted: 0, duplicates: 1 });
    } finally {
      await server.close();
      await log.close();
      removeDir(dataDir);
    }
  });
});
