import { FormatRegistry } from '@sinclair/typebox';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const MINUTE_MS = 60_000;

/** An epoch time as ISO-8601 in Asia/Shanghai (+08:00, no daylight saving), e.g. for `at`. */
export function toShanghaiIso(epochMs: number): string {
  const shifted = new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString(); // …Z, but local digits
  const millis = shifted.slice(19, 23);
  return `${shifted.slice(0, 19)}${millis === '.000' ? '' : millis}+08:00`;
}

// `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)`: the shape the contract's `at` takes. The fields'
// ranges are checked below, because `Date.parse` rolls impossible dates over (2021-02-30 becomes
// 2 March) and V8 accepts or refuses others (T24:00, +99:99) by its own rules.
const SHAPE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** Real offsets run from −12:00 to +14:00 (UTC−12 Baker Island, UTC+14 Line Islands). */
const MAX_OFFSET_MIN = 14 * 60;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * The one strict time parser of floodnet: the epoch ms of an ISO-8601 time with an explicit
 * offset, or null when the text is not one or names an instant that cannot exist (month 13,
 * 30 February, 25 o'clock, minute 99, offset +99:99). Year 0000 is refused as well: no gauge
 * ever measured then, and it would make `Date` guess.
 */
export function parseIsoTime(text: string): number | null {
  if (typeof text !== 'string' || text.length > 40) return null;
  const match = SHAPE.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, oh = '0', om = '0'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offsetHours = Number(oh);
  const offsetMinutes = Number(om);
  if (offsetMinutes > 59) return null;
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  if (offset < -12 * 60 || offset > MAX_OFFSET_MIN) return null;
  const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  let utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (year < 100) {
    // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear keeps them as written.
    const date = new Date(utc);
    date.setUTCFullYear(year);
    utc = date.getTime();
  }
  return utc - offset * MINUTE_MS;
}

/** The same instant written in Asia/Shanghai (+08:00), or null if `text` is not a real time. */
export function normaliseIsoTime(text: string): string | null {
  const ms = parseIsoTime(text);
  return ms === null ? null : toShanghaiIso(ms);
}

/**
 * Epoch ms of a time that has already passed the schema (events in the log, validated bodies):
 * the fast path for folds and playback. At the door, use `parseIsoTime`.
 */
export function parseTime(iso: string): number {
  return Date.parse(iso);
}

/** `format: 'floodnet-time'` in a schema: every TypeBox check of an `at` uses the strict parser. */
export const ISO_TIME_FORMAT = 'floodnet-time';
if (!FormatRegistry.Has(ISO_TIME_FORMAT)) {
  FormatRegistry.Set(ISO_TIME_FORMAT, (value) => parseIsoTime(value) !== null);
}
