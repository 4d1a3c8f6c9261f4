import { severityRank, toShanghaiIso, type Severity } from '@floodnet/domain';
import type { DrillMarks, StreamReport } from '../api/drills';

// The drill timeline as numbers: where a time sits on the scrubber and back, the marks for alarms
// and incidents, and the Asia/Shanghai wall-clock text a trainer types ("2021-07-25 14:00").

export interface TimeRange {
  from: number;
  to: number;
}

export interface TimelineMark {
  kind: 'alarm' | 'incident';
  id: string;
  at: number;
  /** 0 at the start of the range, 1 at its end. */
  fraction: number;
  severity: Severity | null;
}

/** Marks closer than this (as a share of the track) are merged: the worst one is drawn. */
const MERGE_FRACTION = 0.002;
const MINUTE_MS = 60_000;

export function fractionAt(at: number, range: TimeRange): number {
  const span = range.to - range.from;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (at - range.from) / span));
}

/** The time under a point of the track, to the whole minute (the recording's own grain). */
export function timeAtFraction(fraction: number, range: TimeRange): number {
  const clamped = Math.min(1, Math.max(0, fraction));
  const at = range.from + clamped * (range.to - range.from);
  return Math.min(range.to, Math.max(range.from, Math.round(at / MINUTE_MS) * MINUTE_MS));
}

/** The seek body's time: ISO 8601 with the +08:00 offset, as event times are written. */
export function seekTime(at: number): string {
  return toShanghaiIso(at);
}

/**
 * The whole recording's alarms (raised, and again at each escalation) and incidents on the track,
 * as `GET /drills/:id/marks` gives them. Marks that would overlap are merged into one, keeping
 * the most severe, so a night of 400 alarms stays readable.
 */
export function recordingMarks(marks: DrillMarks, range: TimeRange): TimelineMark[] {
  const alarms = marks.alarms.map((alarm, i) => ({
    kind: 'alarm' as const,
    id: `${i}`,
    at: Date.parse(alarm.at),
    severity: alarm.severity,
  }));
  const incidents = marks.incidents.map((incident, i) => ({
    kind: 'incident' as const,
    id: `${i}`,
    at: Date.parse(incident.at),
    severity: null,
  }));
  return onTrack([...alarms, ...incidents], range);
}

/**
 * The same marks from a report, for a server without the marks route: a drill's report covers
 * it only up to its clock, so the track shows the past alone.
 */
export function timelineMarks(report: StreamReport | null, range: TimeRange): TimelineMark[] {
  if (!report) return [];
  const alarms = report.alarms.map((alarm) => ({
    kind: 'alarm' as const,
    id: alarm.id,
    at: alarm.raisedAt,
    severity: alarm.severity,
  }));
  const incidents = report.incidents.map((incident) => ({
    kind: 'incident' as const,
    id: incident.id,
    at: incident.reportedAt,
    severity: null,
  }));
  return onTrack([...alarms, ...incidents], range);
}

function onTrack(found: Omit<TimelineMark, 'fraction'>[], range: TimeRange): TimelineMark[] {
  const marks = found
    .filter((mark) => Number.isFinite(mark.at) && mark.at >= range.from && mark.at <= range.to)
    .map((mark) => ({ ...mark, fraction: fractionAt(mark.at, range) }));
  marks.sort((a, b) => a.at - b.at);
  return mergeClose(marks);
}

/**
 * A drill's report covers the recording only up to its clock, so each report shows the marks of
 * the past. Reports of one stream are pooled (by alarm and incident id, the newer report winning)
 * so marks seen once stay on the track after a seek back.
 */
export function poolReports(pooled: StreamReport | null, next: StreamReport): StreamReport {
  if (!pooled || pooled.stream !== next.stream) return next;
  const alarms = new Map(pooled.alarms.map((alarm) => [alarm.id, alarm]));
  for (const alarm of next.alarms) alarms.set(alarm.id, alarm);
  const incidents = new Map(pooled.incidents.map((incident) => [incident.id, incident]));
  for (const incident of next.incidents) incidents.set(incident.id, incident);
  return { ...next, alarms: [...alarms.values()], incidents: [...incidents.values()] };
}

function mergeClose(marks: TimelineMark[]): TimelineMark[] {
  const kept: TimelineMark[] = [];
  const last: Partial<Record<TimelineMark['kind'], TimelineMark>> = {};
  for (const mark of marks) {
    const previous = last[mark.kind];
    if (previous && mark.fraction - previous.fraction < MERGE_FRACTION) {
      if (mark.severity && (!previous.severity || worse(mark.severity, previous.severity))) {
        previous.severity = mark.severity;
      }
      continue;
    }
    kept.push(mark);
    last[mark.kind] = mark;
  }
  return kept;
}

function worse(a: Severity, b: Severity): boolean {
  return severityRank(a) > severityRank(b);
}

/**
 * Reads a Shanghai wall-clock time typed or picked by the trainer: `2021-07-25 14:00`,
 * `2021-07-25T14:00` or with seconds. Shanghai has had no daylight saving since 1991, so +08:00
 * is exact. Null if it is not a time.
 */
export function parseShanghaiInput(text: string): number | null {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}+08:00`);
  return Number.isFinite(ms) ? ms : null;
}
