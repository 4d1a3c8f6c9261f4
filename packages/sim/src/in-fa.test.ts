import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evolve,
  initialState,
  severityRank,
  stateHash,
  toShanghaiIso,
  type EventEnvelope,
  type EventOf,
  type Severity,
} from '@floodnet/domain';
import { OfflineEngine, playScenario } from './engine';
import { FIXTURES_DIR, loadInFaInputs } from './fixtures';
import { whyStillOpen } from './incidents';
import { POLICY } from './policy';
import { envelopeLine } from './record';
import { IN_FA_END_MS, IN_FA_SEED, IN_FA_START_MS, InFaScenario } from './scenario';

const inputs = loadInFaInputs();
const RECORDING = `${FIXTURES_DIR}/recordings/in-fa-2021.ndjson`;

function play(seed: number, untilMs = IN_FA_END_MS) {
  const engine = new OfflineEngine();
  const scenario = new InFaScenario({ ...inputs, seed });
  const lines: string[] = [];
  const envelopes: EventEnvelope[] = [];
  for (const envelope of playScenario(scenario, inputs.assets, engine, untilMs, inputs.plans)) {
    lines.push(envelopeLine(envelope));
    envelopes.push(envelope);
  }
  return { engine, text: lines.join('\n') + '\n', envelopes };
}

// The full four days take a couple of seconds: play them once for the whole file.
let cached: ReturnType<typeof play> | null = null;
const full = () => (cached ??= play(IN_FA_SEED));
const ofType = <T extends EventEnvelope['type']>(type: T) =>
  full().envelopes.filter((e): e is EventOf<T> => e.type === type);

// Playing four days takes seconds, more on a loaded machine: generous limits, no timing asserted.
describe('the In-Fa log', { timeout: 60_000 }, () => {
  it('is the same, byte for byte, for the same seed — and differs for another', () => {
    expect(play(IN_FA_SEED).text).toBe(full().text);
    const firstDay = IN_FA_START_MS + 86_400_000;
    const a = play(IN_FA_SEED, firstDay).text;
    expect(full().text.startsWith(a)).toBe(true);
    expect(play(IN_FA_SEED + 1, firstDay).text).not.toBe(a);
  }, 180_000);

  it('is in the contract envelope: registration first, gap-free seq, unique ids', () => {
    const { envelopes, text } = full();
    expect(envelopes[0]!.type).toBe('assets.registered');
    envelopes.forEach((envelope, index) => expect(envelope.seq).toBe(index + 1));
    expect(new Set(envelopes.map((e) => e.id)).size).toBe(envelopes.length);
    const first = text.slice(0, text.indexOf('\n'));
    expect(Object.keys(JSON.parse(first))).toEqual(['seq', 'stream', 'id', 'type', 'at', 'data']);
    const reading = ofType('reading.recorded')[0]!;
    expect(reading.id).toBe(`${reading.data.sensorId}@${reading.at}`);
    expect(full().engine.refusals).toEqual([]);
  });

  it('rebuilds, replayed through evolve from the recorded file, the state the engine ended with', () => {
    let text: string;
    try {
      text = readFileSync(RECORDING, 'utf8');
    } catch {
      throw new Error(`${RECORDING} is missing: run npx tsx packages/sim/scripts/record-in-fa.ts`);
    }
    const state = initialState();
    let count = 0;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      evolve(state, JSON.parse(line) as EventEnvelope);
      count += 1;
    }
    const stale = 'the recording is out of date: run npx tsx packages/sim/scripts/record-in-fa.ts';
    expect(count, stale).toBe(full().envelopes.length);
    expect(stateHash(state), stale).toBe(stateHash(full().engine.state));
  });
});

describe('the storyline', { timeout: 60_000 }, () => {
  it('gives the first tide alert of each day blue, yellow, red on 24, 25, 26 July', () => {
    const worst = new Map<string, Severity>();
    for (const raised of ofType('alert.raised')) {
      if (raised.data.kind === 'tide') worst.set(raised.data.alertId, raised.data.severity);
    }
    for (const escalated of ofType('alert.escalated')) {
      const before = worst.get(escalated.data.alertId);
      if (before && severityRank(escalated.data.severity) > severityRank(before)) {
        worst.set(escalated.data.alertId, escalated.data.severity);
      }
    }
    // Each early-morning tide by its day: a crossing at 23:50 belongs to the next morning's tide.
    const tideDay = (at: string) => toShanghaiIso(Date.parse(at) + 3 * 3600_000).slice(0, 10);
    const firstOfDay = new Map<string, Severity>();
    for (const raised of ofType('alert.raised')) {
      const day = tideDay(raised.at);
      if (raised.data.kind !== 'tide' || firstOfDay.has(day)) continue;
      firstOfDay.set(day, worst.get(raised.data.alertId)!);
    }
    // The 27th's early tide may cross too (the surge lingers, plausible); the sourced days:
    expect(firstOfDay.get('2021-07-23')).toBeUndefined();
    expect(firstOfDay.get('2021-07-24')).toBe('blue');
    expect(firstOfDay.get('2021-07-25')).toBe('yellow');
    expect(firstOfDay.get('2021-07-26')).toBe('red');
  });

  it('brings more than 100 mm to at least 90 % of the rain gauges', () => {
    const totals = new Map<string, number>();
    const gauges = inputs.assets.filter((asset) => asset.kind === 'rain-gauge');
    const gaugeIds = new Set(gauges.map((gauge) => gauge.id));
    for (const reading of ofType('reading.recorded')) {
      const { sensorId, value } = reading.data;
      if (gaugeIds.has(sensorId)) totals.set(sensorId, (totals.get(sensorId) ?? 0) + value);
    }
    const wet = gauges.filter((gauge) => (totals.get(gauge.id) ?? 0) > 100);
    expect(gauges.length).toBeGreaterThan(0);
    expect(wet.length / gauges.length).toBeGreaterThanOrEqual(0.9);
  });

  it('closes at least one underpass at 25 cm or more', () => {
    const closed = ofType('underpass.closed');
    expect(closed.some((event) => event.data.depthCm >= 25)).toBe(true);
  });

  it('resolves every incident, or leaves it open only with a reason', () => {
    const reported = ofType('incident.reported');
    const resolved = new Set(ofType('incident.resolved').map((e) => e.data.incidentId));
    expect(reported.length).toBeGreaterThan(5);
    const state = full().engine.state;
    const limits = { maxOnSceneMin: POLICY.maxOnSceneMin, maxWaitForSquadMin: 60 };
    for (const report of reported) {
      if (resolved.has(report.data.incidentId)) continue;
      const incident = state.incidents[report.data.incidentId]!;
      expect(whyStillOpen(incident, state, limits, IN_FA_END_MS), incident.id).not.toBeNull();
    }
  });

  it('sends squads out and brings them back: assigned → en-route → on-scene → returning → standby', () => {
    const trips = new Map<string, string[]>();
    const completed: string[][] = [];
    for (const event of full().envelopes) {
      if (event.type === 'squad.assigned') trips.set(event.data.squadId, ['assigned']);
      if (event.type !== 'squad.statusChanged') continue;
      const trip = trips.get(event.data.squadId);
      if (!trip) continue;
      trip.push(event.data.status);
      if (event.data.status === 'standby') {
        completed.push(trip);
        trips.delete(event.data.squadId);
      }
    }
    expect(completed.length).toBeGreaterThan(5);
    for (const trip of completed) {
      expect(trip).toEqual(['assigned', 'en-route', 'on-scene', 'returning', 'standby']);
    }
    // A newcomer sees the first squads leave their bases within the first virtual hour.
    const firstOut = ofType('squad.statusChanged').find((e) => e.data.status === 'en-route')!;
    expect(Date.parse(firstOut.at) - IN_FA_START_MS).toBeLessThan(3600_000);
  });

  it('raises the response level as the signals rise, up to Level I on the 26th', () => {
    const levels = ofType('responseLevel.changed').map((e) => [e.at.slice(0, 10), e.data.level]);
    expect(levels.some(([day, level]) => level === 'I' && day! >= '2021-07-25')).toBe(true);
    expect(levels[0]![1]).toBe('IV');
  });

  it('peaks at 黄浦公园 at 00:00–03:00 on 24 / 25 / 26 July within 0.10 m of the forecasts', () => {
    // The city's forecast of 23 Jul: 4.65 / 4.90 / 5.00 m (The Paper, 2021-07-23; DOMAIN.md).
    const published: Record<string, number> = {
      '2021-07-24': 4.65,
      '2021-07-25': 4.9,
      '2021-07-26': 5.0,
    };
    const maxima = new Map<string, { value: number; at: string }>();
    for (const reading of ofType('reading.recorded')) {
      if (reading.data.sensorId !== 'tide-huangpu-park') continue;
      const day = reading.at.slice(0, 10);
      const hour = Number(reading.at.slice(11, 13));
      if (!(day in published) || hour >= 3) continue;
      if (reading.data.value > (maxima.get(day)?.value ?? -Infinity))
        maxima.set(day, { value: reading.data.value, at: reading.at });
    }
    const forecasts = ofType('forecast.issued');
    for (const [day, forecast] of Object.entries(published)) {
      const observed = maxima.get(day)!;
      expect(Math.abs(observed.value - forecast), `${day} vs published`).toBeLessThanOrEqual(0.1);
      // …and of the forecast floodnet was sent the morning before, at the same hours.
      const issued = forecasts.findLast(
        (f) => Date.parse(f.data.issuedAt) < Date.parse(`${day}T00:00:00+08:00`),
      )!;
      const peak = Math.max(
        ...issued.data.series
          .filter((p) => p.at.startsWith(day) && Number(p.at.slice(11, 13)) < 3)
          .map((p) => p.value),
      );
      expect(Math.abs(observed.value - peak), `${day} vs forecast`).toBeLessThanOrEqual(0.1);
    }
  });

  it('issues the blue high-tide warning as CAP at 10:00 on the 23rd, before any gauge crosses 4.55 m', () => {
    const first = ofType('warning.issued')[0]!;
    expect(first).toMatchObject({
      at: '2021-07-23T10:00:00+08:00',
      data: { kind: 'high-tide', level: 'blue' },
    });
    const crossing = ofType('reading.recorded').find(
      (r) => r.data.sensorId === 'tide-huangpu-park' && r.data.value >= 4.55,
    )!;
    expect(Date.parse(crossing.at)).toBeGreaterThan(Date.parse(first.at));
  });

  it('alarms on the tide forecast before each observed crossing, and links them', () => {
    const observed = ofType('forecast.crossingObserved');
    const tideDay = (at: string) => toShanghaiIso(Date.parse(at) + 3 * 3600_000).slice(0, 10);
    expect(observed.map((e) => tideDay(e.at))).toEqual(
      expect.arrayContaining(['2021-07-24', '2021-07-25', '2021-07-26']),
    );
    for (const link of observed) expect(link.data.leadMin).toBeGreaterThan(12 * 60);
    const forecastAlarm = ofType('alert.raised').find((e) => e.data.kind === 'forecast')!;
    expect(forecastAlarm.at).toBe('2021-07-23T10:00:00+08:00');
  });

  it('counts down on an underpass before it closes', () => {
    const projected = ofType('trend.projected');
    const warned = ofType('underpass.closed').filter((closed) =>
      projected.some(
        (trend) => trend.data.sensorId === closed.data.underpassId && trend.at < closed.at,
      ),
    );
    expect(warned.length).toBeGreaterThan(0);
  });

  it('follows the official warnings with the suggested response level', () => {
    const first = ofType('responseLevel.suggested').find((e) =>
      e.data.reasons.some((reason) => reason.startsWith('official:')),
    )!;
    expect(first).toMatchObject({ at: '2021-07-23T10:00:00+08:00', data: { level: 'IV' } });
  });
});
