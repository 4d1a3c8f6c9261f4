import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { State } from '@floodnet/domain';
import {
  call,
  catalogue,
  removeDir,
  startServer,
  tokenFor,
  type Running,
} from '../../test-support.js';

const { squad, waterlogging } = catalogue();

describe('incidents and squad assignment', () => {
  let server: Running;
  let commanders: string[];

  beforeAll(async () => {
    server = await startServer();
    commanders = Array.from({ length: 20 }, (_, i) =>
      tokenFor(server.app, 'commander', `commander-${i}`),
    );
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  const report = (token: string) =>
    call(server.url, 'POST', '/api/v1/incidents', {
      token,
      body: {
        kind: 'waterlogging',
        location: { lat: waterlogging.lat, lng: waterlogging.lng },
        pointId: waterlogging.id,
        description: '30 cm on the road, two cars stalled',
      },
    });

  it('opens an incident with 201 and its id', async () => {
    const answer = await report(commanders[0]!);
    expect(answer.status).toBe(201);
    expect(answer.body.id).toMatch(/^inc-\d+$/);
  });

  it('gives one of twenty racing commanders the squad and the others 409 SQUAD_NOT_FREE', async () => {
    const { body } = await report(commanders[0]!);
    const incidentId = String(body.id);
    const answers = await Promise.all(
      commanders.map((token) =>
        call(server.url, 'POST', `/api/v1/incidents/${incidentId}/assign`, {
          token,
          body: { squadId: squad.id },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.body.error?.code).toBe('SQUAD_NOT_FREE');
      expect(answer.body.error?.message).toContain(incidentId);
    }

    const { body: live } = await call<{ state: State }>(server.url, 'GET', '/api/v1/state', {
      token: commanders[1],
    });
    expect(live.state.units[squad.id]).toMatchObject({ status: 'assigned', incidentId });
    const timeline = live.state.incidents[incidentId]!.timeline;
    expect(timeline.filter((step) => step.what === 'assigned')).toHaveLength(1);
  });

  it('refuses a viewer with 403 and a duty officer assigning with 403', async () => {
    const { body } = await report(commanders[0]!);
    for (const role of ['viewer', 'duty'] as const) {
      const answer = await call(server.url, 'POST', `/api/v1/incidents/${String(body.id)}/assign`, {
        token: tokenFor(server.app, role),
        body: { squadId: squad.id },
      });
      expect(answer.status).toBe(403);
      expect(answer.body.error?.code).toBe('NOT_ALLOWED_FOR_ROLE');
    }
  });

  it('answers 404 for an unknown incident and 400 for a malformed body', async () => {
    const unknown = await call(server.url, 'POST', '/api/v1/incidents/inc-999/assign', {
      token: commanders[0],
      body: { squadId: squad.id },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('UNKNOWN_INCIDENT');
    const malformed = await call(server.url, 'POST', '/api/v1/incidents', {
      token: commanders[0],
      raw: '{"kind": "waterlogging", ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.code).toBe('MALFORMED_BODY');
  });

  it('resolves an incident and sends its squad back', async () => {
    const { body } = await report(commanders[0]!);
    const id = String(body.id);
    const other = catalogue().assets.find(
      (asset) =>
        asset.kind === 'subdistrict-team' ||
        (asset.kind === 'specialist-squad' && asset.id !== squad.id),
    );
    if (other) {
      const assigned = await call(server.url, 'POST', `/api/v1/incidents/${id}/assign`, {
        token: commanders[0],
        body: { squadId: other.id },
      });
      expect(assigned.status).toBe(200);
    }
    const resolved = await call(server.url, 'POST', `/api/v1/incidents/${id}/resolve`, {
      token: commanders[0],
    });
    expect(resolved.status).toBe(200);
    const again = await call(server.url, 'POST', `/api/v1/incidents/${id}/resolve`, {
      token: commanders[0],
    });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('INCIDENT_RESOLVED');
    if (other) {
      const { body: live } = await call<{ state: State }>(server.url, 'GET', '/api/v1/state', {
        token: commanders[0],
      });
      expect(live.state.units[other.id]?.status).toBe('returning');
    }
  });
});
