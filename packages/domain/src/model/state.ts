import type { Asset, LatLng, SensorKind } from './assets.js';
import type { Actor } from './events.js';
import type {
  AlertKind,
  GateStatus,
  IncidentKind,
  IncidentStatus,
  PumpStatus,
  ResponseLevel,
  Severity,
  SignalKind,
  SquadStatus,
} from './vocabulary.js';

/** Times in the state are epoch milliseconds; the envelope carries ISO strings. */
export type EpochMs = number;

export interface UnitState {
  id: string;
  status: SquadStatus;
  incidentId: string | null;
  since: EpochMs;
}

export interface SensorState {
  id: string;
  kind: SensorKind;
  intervalSec: number;
  lastAt: EpochMs | null;
  lastValue: number | null;
  /** The previous value, so the map can tell rising from falling. */
  previousValue: number | null;
  stale: boolean;
}

export interface AlertState {
  id: string;
  kind: AlertKind;
  severity: Severity;
  subjectId: string;
  value: number;
  threshold: number;
  raisedAt: EpochMs;
  updatedAt: EpochMs;
  acknowledgedAt: EpochMs | null;
  acknowledgedBy: string | null;
  clearedAt: EpochMs | null;
}

export interface IncidentStep {
  at: EpochMs;
  what: 'reported' | 'assigned' | 'en-route' | 'on-scene' | 'returning' | 'resolved';
  squadId: string | null;
  by: string;
}

export interface IncidentState {
  id: string;
  kind: IncidentKind;
  status: IncidentStatus;
  location: LatLng;
  pointId: string | null;
  description: string;
  reportedAt: EpochMs;
  reportedBy: string;
  squadIds: string[];
  resolvedAt: EpochMs | null;
  timeline: IncidentStep[];
}

export interface TyphoonFix {
  at: EpochMs;
  lat: number;
  lng: number;
  windMs: number;
  pressureHpa: number;
}

/** The whole picture: a pure fold of the log. Plain JSON, so it snapshots and hashes as is. */
export interface State {
  seq: number;
  /** Event time of the newest event folded in. */
  clock: EpochMs | null;
  assets: Record<string, Asset>;
  units: Record<string, UnitState>;
  sensors: Record<string, SensorState>;
  pumps: Record<string, PumpStatus>;
  gates: Record<string, GateStatus>;
  /** Rain gauges' recent readings as [time, mm] pairs, kept for 6 hours. */
  rainWindows: Record<string, [EpochMs, number][]>;
  /** Water-level gauges' recent readings as [time, m] pairs, kept for 48 hours (the hydrograph). */
  levelSeries: Record<string, [EpochMs, number][]>;
  /** Underpasses closed because the water reached the closure line. */
  closedUnderpasses: Record<string, EpochMs>;
  alerts: Record<string, AlertState>;
  /** The open alert for each (kind, subject), keyed `kind:subjectId`. */
  openAlertBySubject: Record<string, string>;
  incidents: Record<string, IncidentState>;
  signals: Record<SignalKind, Severity | null>;
  responseLevel: ResponseLevel | null;
  responseLevelBy: string | null;
  suggestedLevel: ResponseLevel | null;
  suggestedReasons: string[];
  typhoon: { name: string | null; track: TyphoonFix[] };
  counters: { incidents: number; alerts: number };
}

/** The picture before the first event: a fresh object each call, since evolve folds in place. */
export function initialState(): State {
  return {
    seq: 0,
    clock: null,
    assets: {},
    units: {},
    sensors: {},
    pumps: {},
    gates: {},
    rainWindows: {},
    levelSeries: {},
    closedUnderpasses: {},
    alerts: {},
    openAlertBySubject: {},
    incidents: {},
    signals: { rainstorm: null, tide: null, typhoon: null },
    responseLevel: null,
    responseLevelBy: null,
    suggestedLevel: null,
    suggestedReasons: [],
    typhoon: { name: null, track: [] },
    counters: { incidents: 0, alerts: 0 },
  };
}

/**
 * An entity by id, only if the record itself holds it: ids come from outside, and a plain
 * `record[id]` would find `constructor` or `toString` on Object.prototype.
 */
export function own<T>(record: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

export function actorLabel(actor: Actor): string {
  return `${actor.name} (${actor.role})`;
}

export const RAIN_WINDOW_MS = 6 * 3600_000;
export const LEVEL_SERIES_MS = 48 * 3600_000;
