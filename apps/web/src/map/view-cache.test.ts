import {
  evolve,
  toShanghaiIso,
  type Asset,
  type EventEnvelope,
  type State,
} from '@floodnet/domain';
import { describe, expect, it } from 'vitest';
import { RainLastHour, rainLastHourByJiezhen } from '../store/derive';
import { touchedAsset } from '../store/touched';
import { envelope, scenePicture, T0, TEST_ASSETS } from '../testing/picture';
import type { MarkerView } from './marker-layer';
import { AssetViewCache } from './view-cache';
import { assetViews, type MarkerLayerKey, type ViewContext } from './views';

const context: ViewContext = { language: 'zh', theme: 'dark', selected: null };

/** A tiny random source, so a failing sequence can be replayed. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** More sensors of the scene's kinds: depths and gauges that report every minute. */
function moreSensors(): Asset[] {
  const like = (kind: Asset['kind']) => TEST_ASSETS.find((asset) => asset.kind === kind)!;
  return Array.from({ length: 24 }, (_, i) => {
    const template = like(
      i % 3 === 0 ? 'rain-gauge' : i % 3 === 1 ? 'waterlogging-point' : 'underpass',
    );
    return {
      ...template,
      id: `${template.id}-${i}`,
      lat: template.lat + i * 1e-3,
      intervalSec: 60,
    } as Asset;
  });
}

/** The screen as a cache's updates leave it: layer → id → view. */
function applyUpdates(
  screen: Map<MarkerLayerKey, Map<string, MarkerView>>,
  updates: ReturnType<AssetViewCache['update']>,
): void {
  for (const [key, update] of Object.entries(updates) as [
    MarkerLayerKey,
    (typeof updates)[MarkerLayerKey],
  ][]) {
    const layer = update.whole ? new Map<string, MarkerView>() : (screen.get(key) ?? new Map());
    for (const view of update.views) layer.set(view.id, view);
    for (const id of update.removed) layer.delete(id);
    screen.set(key, layer);
  }
}

function wholePicture(state: State): Map<MarkerLayerKey, Map<string, MarkerView>> {
  const views = assetViews(state, context);
  return new Map(
    (Object.entries(views) as [MarkerLayerKey, MarkerView[]][]).map(([key, list]) => [
      key,
      new Map(list.map((view) => [view.id, view])),
    ]),
  );
}

function fold(state: State, events: EventEnvelope[]): Set<string> | null {
  let touched: Set<string> | null = new Set();
  for (const event of events) {
    evolve(state, event);
    const id = touchedAsset(event, state);
    if (id === null) touched = null;
    else if (id !== false) touched?.add(id);
  }
  return touched;
}

describe('the map keeps its symbols from frame to frame', () => {
  it('given readings now and then over hours, when only what each batch touched is looked at again, then every frame equals the whole picture drawn afresh', () => {
    const state = scenePicture();
    const extra = moreSensors();
    const sensors = [...extra, ...TEST_ASSETS].filter((asset) =>
      ['rain-gauge', 'waterlogging-point', 'underpass'].includes(asset.kind),
    );
    const cache = new AssetViewCache();
    const rain = new RainLastHour();
    const screen = new Map<MarkerLayerKey, Map<string, MarkerView>>();
    applyUpdates(screen, cache.update(state, context, null));
    rain.update(state, null);
    let touched = fold(state, [
      envelope({
        type: 'assets.registered',
        at: toShanghaiIso(T0 + 600_000),
        data: { assets: extra },
      }),
    ]);
    const random = seeded(17);
    let clock = T0 + 600_000;
    for (let frame = 0; frame < 300; frame += 1) {
      applyUpdates(screen, cache.update(state, context, touched));
      expect(screen).toEqual(wholePicture(state));
      expect(rain.update(state, touched)).toEqual(rainLastHourByJiezhen(state));
      // Mostly seconds apart, sometimes long silences: past staleness, past the rain's hour.
      const r = random();
      clock += r < 0.8 ? 1000 : r < 0.95 ? 60_000 + random() * 240_000 : 3_600_000;
      const count = Math.floor(random() * 4);
      const events: EventEnvelope[] = [];
      for (let i = 0; i < count; i += 1) {
        const sensor = sensors[Math.floor(random() * sensors.length)]!;
        const value = sensor.kind === 'rain-gauge' ? random() * 3 : random() * 40;
        events.push(
          envelope({
            type: 'reading.recorded',
            at: toShanghaiIso(clock),
            data: { sensorId: sensor.id, value: Math.round(value * 10) / 10 },
          }),
        );
      }
      touched = fold(state, events);
    }
  });

  it('given a selected point, when the selection moves, then only the two points change', () => {
    const state = scenePicture();
    const cache = new AssetViewCache();
    cache.update(state, context, null);
    const selected = { kind: 'asset' as const, id: 'point-yongfu' };
    const updates = cache.update(state, { ...context, selected }, new Set());
    expect(updates.points.views.map((view) => [view.id, view.weight])).toEqual([
      ['point-yongfu', 3],
    ]);
    const next = cache.update(
      state,
      { ...context, selected: { kind: 'asset', id: 'underpass-hengshan' } },
      new Set(),
    );
    expect(next.points.views.map((view) => [view.id, view.weight])).toEqual([
      ['point-yongfu', 1.5],
    ]);
    expect(next.underpasses.views.map((view) => view.id)).toEqual(['underpass-hengshan']);
  });
});
