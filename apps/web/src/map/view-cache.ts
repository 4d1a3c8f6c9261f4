import type { Asset, SensorState, State } from '@floodnet/domain';
import { rainInHour } from '../store/derive';
import type { MarkerView } from './marker-layer';
import { assetView, incidentViews, isStale, LAYER_OF, base, type MarkerLayerKey } from './views';
import type { ViewContext } from './views';
import { hazardViews } from '../plans/map-views';
import { placeUnit, vehicleViews } from '../movement/map-views';

/** The layers of the sensor network: thousands of symbols, each following its own readings. */
const LIVE_LAYERS = ['points', 'underpasses', 'gauges', 'waterworks', 'gates'] as const;
type LiveLayer = (typeof LIVE_LAYERS)[number];
const LIVE = new Set<MarkerLayerKey>(LIVE_LAYERS);
type SmallLayer = Exclude<MarkerLayerKey, LiveLayer | 'incidents' | 'vehicles'>;
const SMALL_LAYERS: SmallLayer[] = ['units', 'compounds', 'shelters', 'logistics'];
/** What `whereIs`, `arrivalEstimate` and the vehicle views look up among the assets. */
const FLEET_KINDS = new Set<Asset['kind']>([
  'subdistrict-team',
  'specialist-squad',
  'vehicle',
  'vehicle-staging',
  'warehouse',
]);

/** One layer's change: the whole layer, or the views that changed and the ids that went. */
export interface LayerUpdate {
  whole: boolean;
  views: MarkerView[];
  removed: string[];
}

interface Entry {
  layer: LiveLayer;
  view: MarkerView;
  /** The stream time from which the view may change with no event (a reading going stale). */
  due: number;
}

/**
 * The map's symbols, kept from one frame to the next. The sensor layers are looked at again only
 * where a batch touched an asset (the picture says which) or where time alone changes a symbol
 * (a reading going stale, its age in minutes, rain leaving the hour); the few hundred units,
 * vehicles, compounds and incidents are made afresh each frame from an index by kind. Equal,
 * frame by frame, to `assetViews` of the whole picture (view-cache.test.ts).
 */
export class AssetViewCache {
  private entries = new Map<string, Entry>();
  private small: Record<SmallLayer, Asset[]> = {
    units: [],
    compounds: [],
    shelters: [],
    logistics: [],
  };
  private fleet: Record<string, Asset> = {};
  private context: ViewContext | null = null;
  private clock: number | null = null;
  private nextDue = Infinity;

  /** Assets to look at again that a frame's budget left for the next. */
  private backlog = new Set<string>();
  /** Whether the last update looked at a residential compound (the 街镇 counts follow them). */
  compoundsTouched = false;

  /** Whether assets are left to look at: the caller draws another frame. */
  get pending(): boolean {
    return this.backlog.size > 0;
  }

  /**
   * `touched`: the assets changed since the last call, null when any may have. At most
   * `budgetMs` is spent on the sensor layers; what is left waits for the next call (a snapshot
   * of 20,000 points is drawn over a few frames rather than in one long task).
   */
  update(
    state: State,
    context: ViewContext,
    touched: ReadonlySet<string> | null,
    budgetMs = Infinity,
  ): Record<MarkerLayerKey, LayerUpdate> {
    const started = performance.now();
    const before = this.context;
    const whole =
      touched === null ||
      before === null ||
      before.language !== context.language ||
      before.theme !== context.theme ||
      (this.clock === null && state.clock !== null) ||
      (this.clock !== null && (state.clock === null || state.clock < this.clock));
    this.context = context;
    this.clock = state.clock;
    this.compoundsTouched = whole;
    const updates = {} as Record<MarkerLayerKey, LayerUpdate>;
    for (const key of LIVE_LAYERS) updates[key] = { whole: false, views: [], removed: [] };
    const backlog = this.backlog;
    if (whole) this.reindex(state, updates);
    else {
      for (const id of touched) {
        backlog.add(id);
        if (!this.compoundsTouched && state.assets[id]?.kind === 'residential-compound') {
          this.compoundsTouched = true;
        }
      }
      if (before.selected !== context.selected) {
        for (const selection of [before.selected, context.selected]) {
          if (selection?.kind === 'asset') backlog.add(selection.id);
        }
      }
      if (state.clock !== null && state.clock >= this.nextDue) this.collectDue(state.clock);
    }
    let looked = 0;
    for (const id of backlog) {
      backlog.delete(id);
      this.look(state, context, id, updates);
      looked += 1;
      if (looked % 256 === 0 && performance.now() - started > budgetMs) break;
    }
    this.makeSmall(state, context, updates);
    return updates;
  }

  /**
   * Indexes the assets by kind again and queues every sensor symbol to be looked at; symbols
   * whose asset is gone are removed at once.
   */
  private reindex(state: State, updates: Record<MarkerLayerKey, LayerUpdate>): void {
    this.nextDue = Infinity;
    this.fleet = {};
    for (const key of SMALL_LAYERS) this.small[key] = [];
    for (const [id, entry] of this.entries) {
      if (state.assets[id]) continue;
      this.entries.delete(id);
      updates[entry.layer].removed.push(id);
    }
    for (const asset of Object.values(state.assets)) {
      if (FLEET_KINDS.has(asset.kind)) this.fleet[asset.id] = asset;
      const layer = LAYER_OF[asset.kind] as MarkerLayerKey | null;
      if (!layer) continue;
      if (LIVE.has(layer)) this.backlog.add(asset.id);
      else this.small[layer as SmallLayer].push(asset);
    }
  }

  /** Queues the ids whose time has come, and finds the next such time. */
  private collectDue(clock: number): void {
    this.nextDue = Infinity;
    for (const [id, entry] of this.entries) {
      if (clock >= entry.due) this.backlog.add(id);
      else if (entry.due < this.nextDue) this.nextDue = entry.due;
    }
  }

  private look(
    state: State,
    context: ViewContext,
    id: string,
    updates: Record<MarkerLayerKey, LayerUpdate>,
  ): void {
    const asset = state.assets[id];
    const known = this.entries.get(id);
    const layer = asset ? (LAYER_OF[asset.kind] as MarkerLayerKey | null) : null;
    const view = asset && layer && LIVE.has(layer) ? assetView(asset, state, context) : null;
    if (!asset || !view || (known && known.layer !== layer)) {
      if (known) {
        this.entries.delete(id);
        updates[known.layer].removed.push(id);
      }
      if (!asset || !view) return;
    }
    this.keep(asset, layer as LiveLayer, view, state);
    updates[layer as LiveLayer].views.push(view);
  }

  private keep(asset: Asset, layer: LiveLayer, view: MarkerView, state: State): void {
    const due = dueAt(asset, state);
    this.entries.set(asset.id, { layer, view, due });
    if (due < this.nextDue) this.nextDue = due;
  }

  private makeSmall(
    state: State,
    context: ViewContext,
    updates: Record<MarkerLayerKey, LayerUpdate>,
  ): void {
    const whole = (views: MarkerView[]): LayerUpdate => ({ whole: true, views, removed: [] });
    // Only the fleet is looked up where units and vehicles are: those helpers walk the assets
    // once per unit, and the picture has 20,000 of them.
    const fleetState: State = { ...state, assets: this.fleet };
    for (const key of SMALL_LAYERS) {
      const views: MarkerView[] = [];
      for (const asset of this.small[key]) {
        const view = assetView(asset, state, context);
        if (view) views.push(key === 'units' ? placeUnit(view, fleetState, context) : view);
      }
      updates[key] = whole(views);
    }
    const incidents = incidentViews(state, context);
    incidents.push(...hazardViews(state, context.language, (a, fill) => base(a, context, fill)));
    updates.incidents = whole(incidents);
    updates.vehicles = whole(vehicleViews(fleetState, context));
  }
}

/**
 * From when a sensor's symbol changes with no new event, on the stream clock: as it goes stale,
 * as the age in its stale label turns over a minute, as a rain gauge's oldest reading leaves its
 * hour. Infinity: only an event changes it.
 */
export function dueAt(asset: Asset, state: State): number {
  const clock = state.clock;
  if (clock === null) return Infinity;
  const sensor = state.sensors[asset.id];
  switch (asset.kind) {
    case 'waterlogging-point':
    case 'underpass':
      return (sensor?.lastValue ?? null) === null ? Infinity : freshnessDue(sensor, clock);
    case 'rain-gauge':
    case 'water-level-gauge': {
      if (sensor?.lastAt == null) return Infinity;
      const due = freshnessDue(sensor, clock);
      if (asset.kind !== 'rain-gauge' || isStale(sensor, clock)) return due;
      return Math.min(due, rainInHour(state, asset.id, clock).changesAt);
    }
    default:
      return Infinity;
  }
}

function freshnessDue(sensor: SensorState | undefined, clock: number): number {
  if (!sensor || sensor.lastAt === null) return Infinity; // "never": no age to count
  if (isStale(sensor, clock)) {
    // The label's age is rounded to the minute: it turns at each half minute.
    return sensor.lastAt + (Math.round((clock - sensor.lastAt) / 60_000) + 0.5) * 60_000;
  }
  // Stale once silent for more than three intervals (isStale).
  return sensor.lastAt + 3 * sensor.intervalSec * 1000 + 0.001;
}
