import { afterEach, describe, expect, it } from 'vitest';
import { IN_FA_START_MS, VirtualClock } from '@floodnet/sim';
import type { Reading, State } from '@floodnet/domain';
import { removeDir, startServer, type Running } from '../test-support.js';
import { createSimulationClock, startSimulation } from './index.js';

const SPEED = 7200; // two virtual hours per wall second
const HOUR = 3600_000;

/** Waits (polling) until `test` holds, or fails after `ms`. */
async function until(test: () => boolean, ms = 20_000): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > ms) throw new Error('timed out waiting for the simulation');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A fetch that notes every reading id it posts. */
function recordingFetch(sent: string[]): typeof fetch {
  return async (input, init) => {
    if (String(input).endsWith('/api/v1/readings') && typeof init?.body === 'string') {
      const body = JSON.parse(init.body) as { readings: Reading[] };
      sent.push(...body.readings.map((reading) => reading.id));
    }
    return fetch(input, init);
  };
}

let server: Running | null = null;
afterEach(async () => {
  await server?.close();
  if (server) removeDir(server.dataDir);
  server = null;
});

describe('the live simulation', () => {
  it('drives live over HTTP, and a restart carries on without sending anything twice', async () => {
    let clock = new VirtualClock({ startMs: IN_FA_START_MS, speed: SPEED, wallNow: Date.now });
    server = await startServer({ clock: { now: () => clock.now() }, ingestPerMinute: 1_000_000 });
    const { app, url } = server;
    const live = () => app.engine.live.state as State;
    const credentials = {
      baseUrl: url,
      apiKey: app.auth.issueKey('simulation'),
      commanderToken: app.auth.issueToken({ name: 'simulation-commander', role: 'commander' }),
      dutyToken: app.auth.issueToken({ name: 'simulation-duty', role: 'duty' }),
    };
    const sent: string[] = [];
    const lines: string[] = [];

    // A first run with the server's own picture, long enough for the first squads to leave.
    const first = startSimulation({
      ...credentials,
      clock: { now: () => clock.now() },
      state: live,
      tickMs: 20,
      fetch: recordingFetch(sent),
      log: (line) => lines.push(line),
    });
    // Three virtual hours at least, and until the command room has sent a squad on its way: on a
    // busy machine the HTTP round trips lag the virtual clock, so the hour of it varies.
    const underWay = () =>
      Object.values(live().incidents).some((incident) =>
        incident.timeline.some((step) => step.what === 'en-route'),
      );
    await until(() => (live().clock ?? 0) >= IN_FA_START_MS + 3 * HOUR && underWay(), 40_000);
    await first.stop();

    const afterFirst = live();
    const sensors = Object.values(afterFirst.sensors);
    expect(sensors.length).toBeGreaterThan(50);
    expect(sensors.every((sensor) => sensor.lastAt !== null)).toBe(true);
    expect(afterFirst.typhoon.track.length).toBeGreaterThanOrEqual(3);
    const incidents = Object.values(afterFirst.incidents);
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents[0]!.reportedBy).toMatch(/^simulation-(duty|commander)/);
    const steps = incidents.flatMap((incident) => incident.timeline.map((step) => step.what));
    expect(steps).toContain('assigned');
    expect(steps).toContain('en-route');
    expect(lines.some((line) => line.includes('rain 1h max'))).toBe(true);

    // A restart: the clock resumes where live stopped, the picture now comes over HTTP.
    const sentBefore = sent.length;
    const lastReading = Math.max(...sensors.map((sensor) => sensor.lastAt!));
    clock = createSimulationClock(afterFirst.clock, SPEED, Date.now);
    const second = startSimulation({
      ...credentials,
      clock: { now: () => clock.now() },
      tickMs: 20,
      fetch: recordingFetch(sent),
    });
    await until(() => (live().clock ?? 0) >= lastReading + HOUR);
    await second.stop();

    expect(sent.length).toBeGreaterThan(sentBefore);
    expect(new Set(sent).size).toBe(sent.length);
    const fixes = live().typhoon.track.map((fix) => fix.at);
    expect(new Set(fixes).size).toBe(fixes.length);
  }, 90_000);
});
