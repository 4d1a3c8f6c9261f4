import { initialAlerts, type AlertsSlice } from '../areas/alerts/state.js';
import { initialCatalogue, type CatalogueSlice } from '../areas/catalogue/state.js';
import { initialIncidents, type IncidentsSlice } from '../areas/incidents/state.js';
import { initialResponse, type ResponseSlice } from '../areas/response/state.js';
import { initialSensors, type SensorsSlice } from '../areas/sensors/state.js';
import { initialPlans, type PlansSlice } from '../areas/plans/state.js';
import { initialEvacuation, type EvacuationSlice } from '../areas/evacuation/state.js';
import { initialHandover, type HandoverSlice } from '../areas/handover/state.js';
import { initialNotices, type NoticesSlice } from '../areas/notices/state.js';
import { initialCompounds, type CompoundsSlice } from '../areas/compounds/state.js';
import { initialWebhooks, type WebhooksSlice } from '../areas/webhooks/state.js';
import { initialMovement, type MovementSlice } from '../areas/movement/state.js';
import { initialMaterials, type MaterialsSlice } from '../areas/materials/state.js';
import { initialCheckIns, type CheckInsSlice } from '../areas/checkins/state.js';
import { initialWarnings, type WarningsSlice } from '../areas/warnings/state.js';
import { initialForecasts, type ForecastsSlice } from '../areas/forecasts/state.js';

export type { AlertState } from '../areas/alerts/state.js';
export type { IncidentState, IncidentStep, UnitState } from '../areas/incidents/state.js';
export type { TyphoonFix } from '../areas/response/state.js';
export type { SensorState } from '../areas/sensors/state.js';
export type { TaskState, ActivePlan, HazardFound } from '../areas/plans/state.js';
export type { EvacuationState } from '../areas/evacuation/state.js';
export type { HandoverState } from '../areas/handover/state.js';
export type { NoticeState, Receipt } from '../areas/notices/state.js';
export type { CompoundReport, CompoundReportKind } from '../areas/compounds/state.js';
export type { WebhookState } from '../areas/webhooks/state.js';
export type { WarningState } from '../areas/warnings/state.js';
export type { ForecastState, TrendState } from '../areas/forecasts/state.js';
export { LEVEL_SERIES_MS, RAIN_WINDOW_MS } from '../areas/sensors/state.js';
export { actorLabel } from './primitives.js';

/** Times in the state are epoch milliseconds; the envelope carries ISO strings. */
export type EpochMs = number;

/** What every area shares: the position in the stream, the event clock, and id counters. */
export interface CoreSlice {
  seq: number;
  /** Event time of the newest event folded in. */
  clock: EpochMs | null;
  counters: { incidents: number; alerts: number };
}

/**
 * The whole picture: a pure fold of the log, made of one slice per area module. Plain JSON, so
 * it snapshots and hashes as is.
 */
export type State = CoreSlice &
  CatalogueSlice &
  IncidentsSlice &
  SensorsSlice &
  AlertsSlice &
  ResponseSlice &
  PlansSlice &
  EvacuationSlice &
  HandoverSlice &
  NoticesSlice &
  CompoundsSlice &
  WebhooksSlice &
  MovementSlice &
  MaterialsSlice &
  CheckInsSlice &
  WarningsSlice &
  ForecastsSlice;

/** The picture before the first event: a fresh object each call, since evolve folds in place. */
export function initialState(): State {
  return {
    seq: 0,
    clock: null,
    ...initialCatalogue(),
    ...initialIncidents(),
    ...initialSensors(),
    ...initialAlerts(),
    ...initialResponse(),
    ...initialPlans(),
    ...initialEvacuation(),
    ...initialHandover(),
    ...initialNotices(),
    ...initialCompounds(),
    ...initialWebhooks(),
    ...initialMovement(),
    ...initialMaterials(),
    ...initialCheckIns(),
    ...initialWarnings(),
    ...initialForecasts(),
    counters: { incidents: 0, alerts: 0 },
  };
}

/**
 * A picture saved by an older version (a snapshot, or a server of another version) brought up to
 * this version's shape, in place: slices it lacks start empty, so events of newer areas fold onto
 * it. A picture of this version is returned untouched.
 */
export function upgradeState(saved: State): State {
  fillMissing(saved as unknown as Record<string, unknown>, initialState());
  return saved;
}

function fillMissing(target: Record<string, unknown>, fresh: object): void {
  for (const [key, value] of Object.entries(fresh)) {
    if (!Object.hasOwn(target, key)) target[key] = value;
    else if (isPlainObject(value) && Object.keys(value).length > 0 && isPlainObject(target[key]))
      fillMissing(target[key] as Record<string, unknown>, value);
  }
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An entity by id, only if the record itself holds it: ids come from outside, and a plain
 * `record[id]` would find `constructor` or `toString` on Object.prototype.
 */
export function own<T>(record: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}
