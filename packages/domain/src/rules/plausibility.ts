import { sensorKindOf, type SensorKind } from '../model/assets.js';
import type { Reading } from '../model/commands.js';
import { own, type State } from '../model/state.js';
import { refuse, type Refusal } from '../refusals.js';
import { parseIsoTime } from '../time.js';

/** What a sensor of one kind can report: a range, or a closed set of state codes. */
export type ValueRule =
  | { kind: 'range'; min: number; max: number; unit: string; source: string }
  | { kind: 'states'; values: readonly number[]; names: readonly string[]; source: string };

export type ValueRules = Record<SensorKind, ValueRule>;

/**
 * Values a real gauge can send. A reading outside is a broken sensor or a typo, and it must not
 * raise a red signal: it is refused. Operators may widen them (server configuration).
 */
export const defaultValueRules: ValueRules = {
  rain: {
    kind: 'range',
    min: 0,
    max: 305,
    unit: 'mm per reading',
    source:
      'world record point rainfall ≈ 305 mm in 42 min (Holt, Missouri, 1947, WMO archive); a ' +
      'gauge reports mm since its previous reading, minutes apart, so more is not rain',
  },
  level: {
    kind: 'range',
    min: -2,
    max: 8,
    unit: 'm (吴淞 datum)',
    source:
      '黄浦公园 record 5.22 m (1981), flood wall top 5.3–5.58 m, inner rivers kept near 2.2 m; ' +
      '−2 … 8 m leaves room for every river and tide station in the district (est.)',
  },
  depth: {
    kind: 'range',
    min: 0,
    max: 300,
    unit: 'cm',
    source:
      'depth of water on a road or in an underpass; 3 m covers an underpass to its roof (est.)',
  },
  pump: {
    kind: 'states',
    values: [0, 1, 2],
    names: ['stopped', 'running', 'fault'],
    source: 'floodnet contract: pumps report 0 stopped / 1 running / 2 fault',
  },
  gate: {
    kind: 'states',
    values: [0, 1],
    names: ['open', 'closed'],
    source: 'floodnet contract: gates report 0 open / 1 closed',
  },
};

/**
 * How far ahead of the stream's clock an event time may lie: 15 minutes of gauge clock drift. The
 * server narrows it per stream (and bounds the past for `live`) before a command gets here.
 */
export const DEFAULT_MAX_FUTURE_SEC = 900;

/** In words, for an error message: `0 … 305 mm per reading`, `one of 0 (stopped), 1 (running)`. */
export function describeRule(rule: ValueRule): string {
  if (rule.kind === 'range') return `${rule.min} … ${rule.max} ${rule.unit}`;
  return `one of ${rule.values.map((value, i) => `${value} (${rule.names[i]})`).join(', ')}`;
}

export function valueFits(rule: ValueRule, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule.kind === 'range') return value >= rule.min && value <= rule.max;
  return rule.values.includes(value);
}

/** Why `at` cannot be taken at `now` (not a real time, or too far ahead), else null. */
export function timeRefusal(
  at: string,
  now: number,
  path: string,
  maxFutureSec = DEFAULT_MAX_FUTURE_SEC,
): Refusal | null {
  const ms = parseIsoTime(at);
  // The schema refuses these first (422 INVALID_TIME); this guards callers that skip it.
  if (ms === null) return refuse('INVALID_VALUE', `${at} is not a real time`, path);
  if (ms > now + maxFutureSec * 1000) return refuse('READING_IN_FUTURE', at, path);
  return null;
}

/**
 * The first reading of a batch that cannot be taken (unknown sensor, impossible or out-of-window
 * time, implausible value), as a refusal naming its index and field; null if all can be.
 */
export function readingsRefusal(
  state: State,
  readings: readonly Reading[],
  now: number,
  maxFutureSec = DEFAULT_MAX_FUTURE_SEC,
  rules: ValueRules = defaultValueRules,
): Refusal | null {
  for (const [index, reading] of readings.entries()) {
    const asset = own(state.assets, reading.sensorId);
    const kind = asset ? sensorKindOf(asset) : null;
    if (kind === null) {
      return refuse('UNKNOWN_SENSOR', reading.sensorId, `readings[${index}].sensorId`);
    }
    const late = timeRefusal(reading.at, now, `readings[${index}].at`, maxFutureSec);
    if (late) return late;
    const rule = rules[kind];
    if (!valueFits(rule, reading.value)) {
      const detail = `${String(reading.value)} for a ${kind} sensor, expected ${describeRule(rule)}`;
      return refuse('INVALID_VALUE', detail, `readings[${index}].value`);
    }
  }
  return null;
}

/** A storm position at an impossible time or beyond the window; null if it can be taken. */
export function typhoonRefusal(
  command: { at: string },
  now: number,
  maxFutureSec = DEFAULT_MAX_FUTURE_SEC,
): Refusal | null {
  return timeRefusal(command.at, now, 'at', maxFutureSec);
}
