import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiIso } from '@floodnet/domain';
import { call, catalogue, removeDir, startServer, T0, type Running } from '../../test-support.js';

const XSD = fileURLToPath(new URL('../../../../../fixtures/cap/CAP-v1.2.xsd', import.meta.url));
const HOUR = 3600_000;
const iso = (ms: number) => toShanghaiIso(ms);
const { waterlogging, underpass } = catalogue();

/** Runs Debian's xmllint against the CAP 1.2 schema: its verdict and what it said. */
function validate(xml: string): { valid: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'floodnet-cap-'));
  const file = join(dir, 'alerts.cap.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { stdio: 'pipe' });
    return { valid: true, output: '' };
  } catch (error) {
    return { valid: false, output: String((error as { stderr?: Buffer }).stderr ?? error) };
  } finally {
    removeDir(dir);
  }
}

describe('floodnet alerts as CAP 1.2 for the city platform', () => {
  let server: Running;
  let feed: string;
  let viewer: string;

  beforeAll(async () => {
    server = await startServer();
    feed = server.app.auth.issueKey('city-gauges');
    viewer = server.app.auth.issueToken({ name: 'zhao', role: 'viewer' });
  });
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('gives waterlogging, an underpass closure and a forecast alarm as schema-valid CAP', async () => {
    const readings = await call(server.url, 'POST', '/api/v1/readings', {
      token: feed,
      body: {
        readings: [
          { id: 'w1', sensorId: waterlogging.id, at: iso(T0 - 60_000), value: 32 },
          { id: 'u1', sensorId: underpass.id, at: iso(T0 - 60_000), value: 31 },
        ],
      },
    });
    expect(readings.status).toBe(202);
    const forecast = await call(server.url, 'POST', '/api/v1/forecasts', {
      token: feed,
      body: {
        id: 'tide-hp@T0',
        sensorId: 'tide-huangpu-park',
        issuedAt: iso(T0),
        series: [14, 15, 16].map((h, i) => ({
          at: iso(T0 + h * HOUR),
          value: [4.4, 4.65, 4.3][i],
        })),
      },
    });
    expect(forecast.status).toBe(201);
    expect(forecast.body).toMatchObject({ crossing: { threshold: 4.55, peak: 4.65 } });

    const cap = await call(server.url, 'GET', '/api/v1/alerts.cap', { token: viewer });
    expect(cap.status).toBe(200);
    expect(cap.headers.get('content-type')).toContain('application/cap+xml');
    expect(cap.text.match(/<info>/g)).toHaveLength(3);
    expect(cap.text).toContain('预报超警');
    expect(cap.text).toContain(`<areaDesc>${underpass.name}</areaDesc>`);
    const verdict = validate(cap.text);
    expect(verdict.output).toBe('');
    expect(verdict.valid).toBe(true);
  });

  it('the schema check can fail: a message without its scope is refused by xmllint', async () => {
    const cap = await call(server.url, 'GET', '/api/v1/alerts.cap', { token: viewer });
    const broken = validate(cap.text.replace(/\s*<scope>Public<\/scope>/, ''));
    expect(broken.valid).toBe(false);
    expect(broken.output).toMatch(/scope/);
  });

  it('refuses a forecast for an unknown sensor and one whose times go back', async () => {
    const unknown = await call(server.url, 'POST', '/api/v1/forecasts', {
      token: feed,
      body: {
        id: 'x',
        sensorId: 'nowhere',
        issuedAt: iso(T0),
        series: [{ at: iso(T0), value: 1 }],
      },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_SENSOR', path: '/sensorId' });
    const backwards = await call(server.url, 'POST', '/api/v1/forecasts', {
      token: feed,
      body: {
        id: 'y',
        sensorId: 'tide-huangpu-park',
        issuedAt: iso(T0),
        series: [
          { at: iso(T0 + HOUR), value: 4 },
          { at: iso(T0), value: 4.1 },
        ],
      },
    });
    expect(backwards.body.error).toMatchObject({
      code: 'FORECAST_OUT_OF_ORDER',
      path: '/series/1/at',
    });
  });
});
