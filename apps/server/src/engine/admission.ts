import {
  normaliseIsoTime,
  parseIsoTime,
  readingsRefusal,
  typhoonRefusal,
  type Reading,
  type Refusal,
  type State,
} from '@floodnet/domain';
import type { ResolvedOptions } from '../config.js';
import { RefusedError, Unprocessable } from '../errors.js';
import { LIVE } from '../plugins/engine.js';

type Limits = Pick<ResolvedOptions, 'liveWindow' | 'valueRules'>;

/**
 * The checks at the door, before `decide` and long before the log: a time that is not a real
 * instant, a time outside the live window, a value no gauge can read. Each is a 422 naming the
 * item and field, and none of them reaches the picture, so none can throw a stream into a rebuild.
 */
function outsideWindow(at: string, now: number, stream: string, limits: Limits, path: string) {
  if (stream !== LIVE) return; // drills keep their recorded times; decide bounds the future
  const ms = parseIsoTime(at);
  if (ms === null) throw new Unprocessable('INVALID_TIME', `${at} is not a real time`, path);
  const { futureSec, pastSec } = limits.liveWindow;
  const window = `the live window is ${pastSec} s back to ${futureSec} s ahead of the live clock`;
  if (ms > now + futureSec * 1000) {
    throw new Unprocessable('READING_IN_FUTURE', `${at} is too far ahead: ${window}`, path);
  }
  if (ms < now - pastSec * 1000) {
    throw new Unprocessable('TIME_TOO_OLD', `${at} is too far back: ${window}`, path);
  }
}

function refused(refusal: Refusal | null): void {
  if (refusal) throw new RefusedError(refusal);
}

/** The batch with every `at` in +08:00, or a 422 for the first reading that cannot be taken. */
export function admitReadings(
  readings: readonly Reading[],
  state: State,
  now: number,
  stream: string,
  limits: Limits,
): Reading[] {
  readings.forEach((reading, index) =>
    outsideWindow(reading.at, now, stream, limits, `readings[${index}].at`),
  );
  const future = stream === LIVE ? limits.liveWindow.futureSec : undefined;
  refused(readingsRefusal(state, readings, now, future, limits.valueRules));
  return readings.map((reading) => ({ ...reading, at: normaliseIsoTime(reading.at)! }));
}

/** A storm position with its `at` in +08:00, or a 422 if its time cannot be taken. */
export function admitPosition<T extends { at: string }>(
  position: T,
  now: number,
  stream: string,
  limits: Limits,
): T {
  outsideWindow(position.at, now, stream, limits, 'at');
  refused(typhoonRefusal(position, now, stream === LIVE ? limits.liveWindow.futureSec : undefined));
  return { ...position, at: normaliseIsoTime(position.at)! };
}
