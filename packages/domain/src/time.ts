import { FormatRegistry } from '@sinclair/typebox';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const MINUTE_MS = 60_000;

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;

/** `00`…`59`, so a time of day is three lookups rather than three `padStart`s. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** The `YYYY-MM-DDT` of the last Shanghai day written: a picture's times crowd into few days. */
let dayNumber = Number.NaN;
let dayText = '';

/**
 * An epoch time as the contract writes every time: ISO-8601 in Asia/Shanghai (+08:00, no
 * daylight saving), to the second (milliseconds are dropped, rounding down), e.g.
 * `2021-07-25T12:30:00+08:00`. Fast, because a picture's snapshot writes tens of thousands.
 */
export function toShanghaiIso(epochMs: number): string {
  const local = Math.floor(epochMs / SECOND_MS) * SECOND_MS + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  if (day !== dayNumber) {
    dayText = new Date(day * DAY_MS).toISOString().slice(0, 11); // local digits, `T` included
    dayNumber = day;
  }
  const seconds = (local - day * DAY_MS) / SECOND_MS;
  const hour = Math.floor(seconds / 3600);
  const minute = Math.floor(seconds / 60) % 60;
  return `${dayText}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[seconds % 60]}+08:00`;
}

/**
 * The one form of a time in every answer: `YYYY-MM-DDTHH:MM:SS+08:00`. Inputs may carry any
 * offset and fractions of a second; `normaliseIsoTime` brings them to this.
 */
export const WIRE_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00$';
const WIRE_TIME = new RegExp(WIRE_TIME_PATTERN);

/** The epoch of each `YYYY-MM-DD` read, for `fromWireTime`: a snapshot's times share few days. */
let readDayText = '';
let readDayMs = Number.NaN;

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const twoDigits = (text: string, at: number) => digit(text, at) * 10 + digit(text, at + 1);

/**
 * Epoch ms of a time in the wire form (`toShanghaiIso`'s output), fast; any other ISO-8601 time
 * with an offset goes through the strict parser. NaN if it is not a time at all.
 */
export function fromWireTime(text: string): number {
  if (text.length !== 25 || !text.endsWith('+08:00')) return parseIsoTime(text) ?? Number.NaN;
  const day = text.slice(0, 10);
  if (day !== readDayText) {
    const parsed = parseIsoTime(`${day}T00:00:00+08:00`);
    if (parsed === null) return Number.NaN;
    readDayMs = parsed;
    readDayText = day;
  }
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (!(hour <= 23 && minute <= 59 && second <= 59) || !WIRE_TIME.test(text)) {
    return parseIsoTime(text) ?? Number.NaN;
  }
  return readDayMs + ((hour * 60 + minute) * 60 + second) * SECOND_MS;
}

/** True for a time written in the one wire form, and a real instant. */
export function isWireTime(text: unknown): boolean {
  return typeof text === 'string' && WIRE_TIME.test(text) && parseIsoTime(text) !== null;
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

/**
 * The same instant in the wire form (+08:00, to the second: a fraction is dropped), or null if
 * `text` is not a real time. What every time from outside goes through on its way in.
 */
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

/**
 * `format: 'date-time'` on the wire schemas' times: OpenAPI tools know the name (a generated
 * client types it as a date); TypeBox checks it as the one wire form, +08:00 to the second.
 */
export const WIRE_TIME_FORMAT = 'date-time';
if (!FormatRegistry.Has(WIRE_TIME_FORMAT)) FormatRegistry.Set(WIRE_TIME_FORMAT, isWireTime);
