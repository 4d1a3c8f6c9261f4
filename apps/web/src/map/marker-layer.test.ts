import { evolve, toShanghaiIso } from '@floodnet/domain';
import L from 'leaflet';
import { afterEach, describe, expect, it } from 'vitest';
import { scenePicture, T0 } from '../testing/picture';
import { labelColours, labelShown } from './canvas-label';
import { createMarkerLayer, shownAlertLabel, updateMarkers } from './marker-layer';
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
    updateMarkers(layer, views);

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
    updateMarkers(layer, before);
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
    updateMarkers(layer, unitViews(state, context));

    expect(layer.markers.get('squad-pump-truck')).toBe(marker);
    expect(marker.options.fillColor).toBe(SQUAD_STATUS_COLOURS.assigned);
    expect(restyled).toBe(0);
  });

  it('hatches an unavailable unit and removes symbols that are gone', () => {
    const layer = mountedLayer();
    const state = scenePicture();
    const first = unitViews(state, context);
    updateMarkers(layer, first);
    evolve(state, {
      type: 'squad.statusChanged',
      at: toShanghaiIso(T0 + 600_000),
      data: { squadId: 'squad-medical', status: 'unavailable', by },
    });
    const next = unitViews(state, context).filter((view) => view.id !== 'team-longhua');
    const gone = layer.markers.get('team-longhua')!;
    updateMarkers(layer, next);

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
    updateMarkers(layer, assetViews(state, context).underpasses);
    const marker = layer.markers.get('underpass-hengshan')!;

    expect(marker.options.cross).toBe(true);
    // Alarming: a bordered tooltip above everything, not text on the canvas.
    expect(marker.getTooltip()!.getContent()).toBe('已封闭 32 cm');
    expect(marker.options.label).toBeNull();
  });

  it('draws values and names on the canvas, and changes their text without a tooltip', () => {
    const layer = mountedLayer();
    const state = scenePicture();
    const first = Object.values(assetViews(state, context)).flat();
    updateMarkers(layer, first);
    const named = first.find((view) => view.labelKind === 'name' && view.label !== null)!;
    const marker = layer.markers.get(named.id)!;
    expect(marker.getTooltip()).toBeFalsy();
    expect(marker.options.label).toEqual({ text: named.label, kind: 'name', side: 'right' });

    const next = first.map((view) =>
      view.id === named.id ? { ...view, label: '12 cm', labelKind: 'value' as const } : view,
    );
    updateMarkers(layer, next);
    expect(layer.markers.get(named.id)).toBe(marker);
    expect(marker.getTooltip()).toBeFalsy();
    expect(marker.options.label).toEqual({ text: '12 cm', kind: 'value', side: 'right' });
  });

  it('moves a label between the canvas and a tooltip as it becomes alarming and back', () => {
    const layer = mountedLayer();
    const state = scenePicture();
    const first = assetViews(state, context).underpasses;
    updateMarkers(layer, first);
    const id = first[0]!.id;
    const alarming = first.map((view) =>
      view.id === id ? { ...view, label: '40 cm', labelKind: 'alert' as const } : view,
    );
    updateMarkers(layer, alarming);
    const marker = layer.markers.get(id)!;
    expect(shownAlertLabel(marker)).toBe('40 cm');
    expect(marker.options.label).toBeNull();

    const calm = alarming.map((view) =>
      view.id === id ? { ...view, label: '8 cm', labelKind: 'value' as const } : view,
    );
    updateMarkers(layer, calm);
    expect(shownAlertLabel(marker)).toBeNull();
    expect(marker.options.label).toEqual({ text: '8 cm', kind: 'value', side: 'right' });
  });

  it('shows values from the value zoom, names from the name zoom, alarms always', () => {
    const look = { zoom: 14, valueZoom: 14, nameZoom: 15, theme: 'dark' as const, live: true };
    expect(labelShown('value', look)).toBe(true);
    expect(labelShown('stale', look)).toBe(true);
    expect(labelShown('name', look)).toBe(false);
    expect(labelShown('name', { ...look, zoom: 15 })).toBe(true);
    expect(labelShown('value', { ...look, zoom: 13.75 })).toBe(false);
    expect(labelShown('alert', { ...look, zoom: 10 })).toBe(true);
    // Stale stays grey; values grey out when the stream is not live.
    expect(labelColours('stale', look).text).toBe('#9e9e9e');
    expect(labelColours('value', look).text).not.toBe('#9e9e9e');
    expect(labelColours('value', { ...look, live: false }).text).toBe('#9e9e9e');
  });

  it('selects what a symbol stands for when clicked', () => {
    const layer = mountedLayer();
    const picked: unknown[] = [];
    layer.onSelect = (selection) => picked.push(selection);
    updateMarkers(layer, unitViews(scenePicture(), context));
    layer.markers.get('team-tianping')!.fire('click');
    expect(picked).toEqual([{ kind: 'asset', id: 'team-tianping' }]);
  });
});
