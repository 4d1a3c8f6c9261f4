import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiIso } from '@floodnet/domain';
import { call, catalogue, removeDir, startServer, T0, type Running } from '../test-support.js';

const PROMTOOL = '/usr/bin/promtool';
const { waterlogging, rainGauge } = catalogue();

describe('/metrics', { timeout: 30_000 }, () => {
  let server: Running;
  let text = '';

  beforeAll(async () => {
    server = await startServer();
    const key = server.app.auth.issueKey('gauges');
    const at = toShanghaiIso(T0);
    const batch = [
      { id: 'm-1', sensorId: waterlogging.id, at, value: 60 },
      { id: 'm-2', sensorId: rainGauge.id, at, value: 3 },
    ];
    await call(server.url, 'POST', '/api/v1/readings', { token: key, body: { readings: batch } });
    await call(server.url, 'POST', '/api/v1/readings', { token: key, body: { readings: batch } });
    await call(server.url, 'POST', '/api/v1/readings', {
      token: key,
      body: { readings: [{ id: 'm-3', sensorId: 'no-such-gauge', at, value: 1 }] },
    });
    // Let the event-loop sampler take a few samples.
    await new Promise((resolve) => setTimeout(resolve, 350));
    text = (await call(server.url, 'GET', '/metrics')).text;
  }, 60_000);
  afterAll(async () => {
    await server.close();
    removeDir(server.dataDir);
  });

  it('passes `promtool check metrics`', (context) => {
    if (!existsSync(PROMTOOL)) {
      context.skip(`${PROMTOOL} is absent: apt-get install prometheus (.ci/run installs it)`);
    }
    const result = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });

  it('has process and Node metrics, event-loop lag as a histogram, and the HTTP durations', () => {
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
    expect(text).toContain('# TYPE floodnet_event_loop_lag_seconds histogram');
    expect(text).toMatch(/floodnet_event_loop_lag_seconds_count [1-9]/);
    expect(text).not.toMatch(/quantile=/);
    expect(text).toMatch(
      /floodnet_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/readings",status_code="202"\} 2/,
    );
  });

  it('counts readings accepted, duplicate and refused, the seq, open alerts and stale sensors', () => {
    expect(text).toContain('floodnet_readings_total{outcome="accepted"} 2');
    expect(text).toContain('floodnet_readings_total{outcome="duplicate"} 2');
    expect(text).toContain('floodnet_readings_total{outcome="refused"} 1');
    const seq = server.app.engine.live.committedSeq;
    expect(text).toContain(`floodnet_stream_seq{stream="live"} ${seq}`);
    expect(text).toMatch(/floodnet_open_alerts\{kind="waterlogging",severity="[a-z]+"\} 1/);
    expect(text).toContain('floodnet_stale_sensors 0');
  });
});

describe('/metrics after a restart on a log a newer floodnet wrote', { timeout: 60_000 }, () => {
  it('counts the event of an unknown type that the rebuild skipped, and still serves', async () => {
    const first = await startServer();
    const at = toShanghaiIso(T0);
    // A newer version's event, as it would sit in a log this version is started on.
    await first.app.eventLog.append('live', [
      { type: 'levee.raised', at, data: { leveeId: 'xuhui-bund-3', heightCm: 40 } },
    ] as never);
    await first.close();
    const second = await startServer({}, first.dataDir);
    try {
      const text = (await call(second.url, 'GET', '/metrics')).text;
      expect(text).toContain('floodnet_events_skipped_total{reason="unknown-type"} 1');
      expect(text).toContain('floodnet_events_skipped_total{reason="malformed"} 0');
      expect((await call(second.url, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await second.close();
      removeDir(first.dataDir);
    }
  });
});
