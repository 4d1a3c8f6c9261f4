import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiIso } from '@floodnet/domain';
import {
  call,
  catalogue,
  removeDir,
  startServer,
  T0,
  tokenFor,
  type Running,
} from '../test-support.js';

const { rainGauge } = catalogue();
const FOREIGN = 'http://city-platform.example:8443';

/** A raw GET (no automatic decompression): status, headers and the bytes as sent. */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('HTTP hygiene', { timeout: 30_000 }, () => {
  let server: Running;
  let viewer: string;
  let webDir: string;
  const script = `console.log(${JSON.stringify('floodnet '.repeat(500))});`;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'floodnet-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>floodnet</title>');
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'assets', 'index-B3xk9_Qa.js'), script);
    // As the web build writes it (apps/web/scripts/precompress.ts): the brotli copy beside it.
    writeFileSync(join(webDir, 'assets', 'index-B3xk9_Qa.js.br'), brotliCompressSync(script));
    server = await startServer({ webDir, origins: [FOREIGN] });
    viewer = tokenFor(server.app, 'viewer');
    const key = server.app.auth.issueKey('gauges');
    const readings = Array.from({ length: 200 }, (_, i) => ({
      id: `r-${i}`,
      sensorId: rainGauge.id,
      at: toShanghaiIso(T0 + i * 60_000),
      value: 1,
    }));
    await call(server.url, 'POST', '/api/v1/readings', { token: key, body: { readings } });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
    removeDir(webDir);
  });

  it('compresses a page of the log with brotli or gzip, whichever the client takes', async () => {
    const url = `${server.url}/api/v1/events?limit=1000`;
    const auth = { authorization: `Bearer ${viewer}` };
    const plain = await rawGet(url, auth);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await rawGet(url, { ...auth, 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 5);
    const gzip = await rawGet(url, { ...auth, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
  });

  it('caches hashed assets for a year, compressed, and revalidates index.html', async () => {
    const asset = await rawGet(`${server.url}/assets/index-B3xk9_Qa.js`, {
      'accept-encoding': 'gzip',
    });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(asset.body).toString()).toBe(script);
    // The build's brotli copy goes out as it is, not compressed again at request time.
    const br = await rawGet(`${server.url}/assets/index-B3xk9_Qa.js`, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.equals(brotliCompressSync(script))).toBe(true);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    const index = await rawGet(`${server.url}/`);
    expect(index.headers['cache-control']).toBe('no-cache');
    const route = await rawGet(`${server.url}/drills`, { accept: 'text/html' });
    expect(route.headers['cache-control']).toBe('no-cache');
  });

  it('answers state and state.geojson with an ETag, 304 until the picture changes', async () => {
    for (const path of ['/api/v1/state', '/api/v1/state.geojson']) {
      const first = await call(server.url, 'GET', path, { token: viewer });
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"\d+-/);
      const again = await call(server.url, 'GET', path, {
        token: viewer,
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
    }
    const before = await call(server.url, 'GET', '/api/v1/state.geojson', { token: viewer });
    await call(server.url, 'PUT', '/api/v1/response-level', {
      token: tokenFor(server.app, 'commander'),
      body: { level: 'IV' },
    });
    const state = await call(server.url, 'GET', '/api/v1/state', { token: viewer });
    const changed = await call(server.url, 'GET', '/api/v1/state.geojson', {
      token: viewer,
      headers: { 'if-none-match': before.headers.get('etag')! },
    });
    expect(state.headers.get('etag')).not.toBe(before.headers.get('etag'));
    // The GeoJSON does not show the response level, but its seq moved on: a fresh answer.
    expect(changed.status).toBe(200);
  });

  it('lets an allowed foreign origin call the API (CORS), and no other', async () => {
    const preflight = await fetch(`${server.url}/api/v1/session`, {
      method: 'OPTIONS',
      headers: {
        origin: FOREIGN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(FOREIGN);
    const read = await call(server.url, 'GET', '/api/v1/state', {
      token: viewer,
      headers: { origin: FOREIGN },
    });
    expect(read.headers.get('access-control-allow-origin')).toBe(FOREIGN);
    expect(read.headers.get('access-control-expose-headers')).toContain('etag');
    const stranger = await call(server.url, 'GET', '/api/v1/config', {
      headers: { origin: 'http://evil.example' },
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends security headers with a CSP, and RateLimit headers on rate-limited routes', async () => {
    const page = await call(server.url, 'GET', '/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const login = await call(server.url, 'POST', '/api/v1/session', {
      body: { username: 'nobody', password: 'wrong' },
    });
    expect(login.headers.get('ratelimit-limit')).toBe('300');
    expect(Number(login.headers.get('ratelimit-remaining'))).toBeLessThan(300);
  });

  it('takes any label of 1–64 characters as an API key name, Chinese included', async () => {
    const admin = tokenFor(server.app, 'admin');
    const named = await call(server.url, 'POST', '/api/v1/keys', {
      token: admin,
      body: { name: '徐汇 雨量站网' },
    });
    expect(named.status).toBe(201);
    expect(named.body.name).toBe('徐汇 雨量站网');
    const key = named.body.key as string;
    const pushed = await call(server.url, 'POST', '/api/v1/readings', {
      token: key,
      body: {
        readings: [{ id: 'xh-1', sensorId: rainGauge.id, at: toShanghaiIso(T0), value: 2 }],
      },
    });
    expect(pushed.status).toBe(202);
    for (const name of ['', '   ', '雨'.repeat(65), 'tab\there']) {
      const refused = await call(server.url, 'POST', '/api/v1/keys', {
        token: admin,
        body: { name },
      });
      expect(refused.status, JSON.stringify(name)).toBe(400);
      expect(refused.body.error?.code).toBe('VALIDATION_FAILED');
      expect(refused.body.error?.path).toBe('/name');
    }
  });
});
