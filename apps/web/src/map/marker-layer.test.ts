import { evolve, toShanghaiIso } from '@floodnet/domain';
import L from 'leaflet';
import { afterEach, describe, expect, it } from 'vitest';
import { scenePicture, T0 } from '../testing/picture';
import { createMarkerLayer, updateMarkers } from './marker-layer';
import { SQUAD_STATUS_COLOURS } from './palette';
import { ShapeMarker } from './shape-marker';
import { assetViews, unitViews, type ViewContext } from './views';

const context: ViewContext = { language: 'zh', theme: 'dark', selected: null };
const by = { name: 'chief', role: 'commander' as const };

describe('updateMarkers on real Leaflet objects', () => {
  let map: L.Map | null = null;
  afterEach(() => {
    map?.remove();
    map = null;
  });

  function mountedLayer() {
    const container = document.createElement('div');
    document.body.append(container);
    // SVG here: happy-dom has no 2D canvas; the shape marker falls back to a circle path.
    map = L.map(container, { renderer: L.svg() }).setView([31.18, 121.44], 13);
    const layer = createMarkerLayer();
    layer.group.addTo(map);
    return layer;
  }

  it('draws one symbol per team and squad, coloured by status', () => {
    const layer = mountedLayer();
    const views = unitViews(scenePicture(), context);
    updateMarkers(layer, views, []);

    expect(layer.markers.size).toBe(4);
    const pumpTruck = layer.markers.get('squad-pump-truck')!;
    expect(pumpTruck).toBeInstanceOf(ShapeMarker);
    expect(map!.hasLayer(pumpTruck)).toBe(true);
    expect(pumpTruck.options.fillColor).toBe(SQUAD_STATUS_COLOURS.standby);
    expect(pumpTruck.options.shape).toBe('hexagon');
    expect(layer.markers.get('team-tianping')!.options.shape).toBe('circle');
  });

  it('recolours only the unit whose status changed, keeping the same marker', () => {
    const layer = mountedLayer();
    const state = scenePicture();
    const before = unitViews(state, context);
    updateMarkers(layer, before, []);
    const marker = layer.markers.get('squad-pump-truck')!;
    const untouched = layer.markers.get('team-longhua')!;
    let restyled = 0;
    untouched.setStyle = ((style) => {
      restyled += 1;
      return L.CircleMarker.prototype.setStyle.call(untouched, style);
    }) as typeof untouched.setStyle;

    evolve(state, {
      type: 'squad.assigned',
      at: toShanghaiIso(T0 + 600_000),
      data: { squadId: 'squad-pump-truck', incidentId: 'incident-1', by },
    });
    updateMarkers(layer, unitViews(state, context), before);

    expect(layer.markers.get('squad-pump-truck')).toBe(marker);
    expect(marker.options.fillColor).toBe(SQUAD_STATUS_COLOURS.assigned);
    expect(restyled).toBe(0);
  });

  it('hatches an unavailable unit and removes symbols that are gone', () => {
    const layer = mountedLayer();
    const state = scenePicture();
    const first = unitViews(state, context);
    updateMarkers(layer, first, []);
    evolve(state, {
      type: 'squad.statusChanged',
      at: toShanghaiIso(T0 + 600_000),
      data: { squadId: 'squad-medical', status: 'unavailable', by },
    });
    const next = unitViews(state, context).filter((view) => view.id !== 'team-longhua');
    const gone = layer.markers.get('team-longhua')!;
    updateMarkers(layer, next, first);

    expect(layer.markers.get('squad-medical')!.options.hatch).toBe(true);
    expect(layer.markers.has('team-longhua')).toBe(false);
    expect(map!.hasLayer(gone)).toBe(false);
  });

  it('labels a closed underpass with its depth and crosses it out', () => {
    const layer = mountedLayer();
    const state = scenePicture();
    evolve(state, {
      type: 'underpass.closed',
      at: toShanghaiIso(T0 + 300_000),
      data: { underpassId: 'underpass-hengshan', depthCm: 32 },
    });
    updateMarkers(layer, assetViews(state, context).underpasses, []);
    const marker = layer.markers.get('underpass-hengshan')!;

    expect(marker.options.cross).toBe(true);
    expect(marker.getTooltip()!.getContent()).toBe('已封闭 32 cm');
  });

  it('selects what a symbol stands for when clicked', () => {
    const layer = mountedLayer();
    const picked: unknown[] = [];
    layer.onSelect = (selection) => picked.push(selection);
    updateMarkers(layer, unitViews(scenePicture(), context), []);
    layer.markers.get('team-tianping')!.fire('click');
    expect(picked).toEqual([{ kind: 'asset', id: 'team-tianping' }]);
  });
});
