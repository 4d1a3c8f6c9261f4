import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, removeDir, startServer, tokenFor, type Running } from './test-support.js';

/** Routes with a body, and those whose path names an entity. */
const BODY_ROUTES: [string, string][] = [
  ['POST', '/api/v1/session'],
  ['POST', '/api/v1/readings'],
  ['POST', '/api/v1/incidents'],
  ['POST', '/api/v1/incidents/inc-1/assign'],
  ['POST', '/api/v1/squads/squad-x/status'],
  ['PUT', '/api/v1/response-level'],
  ['POST', '/api/v1/typhoon/positions'],
  ['POST', '/api/v1/users'],
  ['POST', '/api/v1/keys'],
];
const ID_ROUTES = [
  (id: string) => ['POST', `/api/v1/incidents/${id}/assign`, { squadId: id }] as const,
  (id: string) => ['POST', `/api/v1/incidents/${id}/resolve`, undefined] as const,
  (id: string) => ['POST', `/api/v1/squads/${id}/status`, { status: 'standby' }] as const,
  (id: string) => ['POST', `/api/v1/alerts/${id}/ack`, undefined] as const,
];

/** Anything a careless or hostile client might send: wrong JSON, wrong types, or not JSON. */
const badBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .dictionary(
      fc.constantFrom('readings', 'level', 'status', 'squadId', 'name', 'kind'),
      fc.jsonValue(),
    )
    .map((value) => JSON.stringify(value)),
  fc.string(),
  fc.constant('{"readings": [{"id": "a", "sensorId": "b", "at": "2021-07-25T12:00:00+08:00"'),
  fc.constant('{"readings": [{"id": "a", "sensorId": "b", "at": "yesterday", "value": 1}]}'),
);

describe('bad input', () => {
  let server: Running;
  let admin: string;
  const seq = () => server.app.engine.live.state.seq;

  beforeAll(async () => {
    server = await startServer();
    admin = tokenFor(server.app, 'admin');
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('answers malformed and mistyped bodies with a coded 4xx and leaves the log alone', async () => {
    const before = seq();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BODY_ROUTES), badBody, async ([method, path], raw) => {
        const { status, body } = await call(server.url, method, path, { token: admin, raw });
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(body.error?.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 300 },
    );
    expect(seq()).toBe(before);
    expect((await call(server.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('answers unknown ids with a coded 4xx', async () => {
    const before = seq();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ID_ROUTES),
        fc.string({ minLength: 1, maxLength: 40 }),
        async (route, id) => {
          const [method, path, body] = route(encodeURIComponent(id));
          const answer = await call(server.url, method, path, {
            token: admin,
            ...(body ? { body } : {}),
          });
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
          expect(answer.body.error?.code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 100 },
    );
    expect(seq()).toBe(before);
  });

  it('treats ids named like Object.prototype members as unknown', async () => {
    for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      for (const route of ID_ROUTES) {
        const [method, path, body] = route(id);
        const answer = await call(server.url, method, path, {
          token: admin,
          ...(body ? { body } : {}),
        });
        expect([path, answer.status]).toEqual([path, 404]);
      }
      const reading = await call(server.url, 'POST', '/api/v1/readings', {
        token: admin,
        body: {
          readings: [{ id: `p-${id}`, sensorId: id, at: '2021-07-25T11:00:00+08:00', value: 1 }],
        },
      });
      expect(reading.body.error?.code).toBe('UNKNOWN_SENSOR');
      const incident = await call(server.url, 'POST', '/api/v1/incidents', {
        token: admin,
        body: { kind: 'other', location: { lat: 31.2, lng: 121.4 }, pointId: id, description: '' },
      });
      expect(incident.body.error?.code).toBe('UNKNOWN_POINT');
    }
  });

  it('refuses huge bodies with 413 BODY_TOO_LARGE', async () => {
    const before = seq();
    const readings = await call(server.url, 'POST', '/api/v1/readings', {
      token: admin,
      raw: `{"readings": [${'"x",'.repeat(2_500_000)}"x"]}`,
    });
    expect(readings.status).toBe(413);
    expect(readings.body.error?.code).toBe('BODY_TOO_LARGE');
    const level = await call(server.url, 'PUT', '/api/v1/response-level', {
      token: admin,
      raw: JSON.stringify({ level: 'x'.repeat(100_000) }),
    });
    expect(level.status).toBe(413);
    const tooMany = await call(server.url, 'POST', '/api/v1/readings', {
      token: admin,
      body: {
        readings: Array.from({ length: 5001 }, (_, i) => ({
          id: `r${i}`,
          sensorId: 's',
          at: '2021-07-25T12:00:00+08:00',
          value: 1,
        })),
      },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.path).toBe('/readings');
    expect(seq()).toBe(before);
  });
});
