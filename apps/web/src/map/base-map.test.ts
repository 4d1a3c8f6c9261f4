import L from 'leaflet';
import { afterEach, describe, expect, it } from 'vitest';
import districtText from '../../../../fixtures/xuhui/district.geojson?raw';
import huangpuText from '../../../../fixtures/xuhui/huangpu.geojson?raw';
import jiezhenText from '../../../../fixtures/xuhui/jiezhen.geojson?raw';
import keyAreasText from '../../../../fixtures/xuhui/key-areas.geojson?raw';
import type { Geography } from '../store/slices';
import { createBaseMap, labelBaseMap, updateRainShade } from './base-map';
import { rainShadeOpacity } from './palette';

const geography: Geography = {
  district: JSON.parse(districtText),
  jiezhen: JSON.parse(jiezhenText),
  huangpu: JSON.parse(huangpuText),
  keyAreas: JSON.parse(keyAreasText),
};

describe('the base map from the project GeoJSON', () => {
  let map: L.Map | null = null;
  afterEach(() => {
    map?.remove();
    map = null;
  });

  function mounted() {
    const container = document.createElement('div');
    document.body.append(container);
    map = L.map(container, { renderer: L.svg() }).setView([31.18, 121.44], 12);
    const base = createBaseMap(geography, { tiles: null, theme: 'dark', language: 'zh' });
    base.group.addTo(map);
    return base;
  }

  it('draws the 13 街镇, each named, inside the district', () => {
    const base = mounted();
    expect(base.jiezhen.size).toBe(13);
    const district = base.district.getBounds();
    for (const path of base.jiezhen.values()) {
      expect(district.contains((path as L.Polygon).getBounds().getCenter())).toBe(true);
    }
    const label = base.labels.get('310104014')!.getElement()!.textContent;
    // Short names, so thirteen fit side by side at district zoom.
    expect(label).toBe('徐家汇');
    labelBaseMap(base, geography, 'en');
    expect(base.labels.get('310104014')!.getElement()!.textContent).toBe('Xujiahui');
  });

  it('credits OpenStreetMap, which the base map is derived from', () => {
    mounted();
    const credits = map!.attributionControl.getContainer()!.textContent;
    expect(credits).toContain('© OpenStreetMap contributors');
    expect(credits).toContain('ODbL');
  });

  it('shades each 街镇 by its rain in the last hour', () => {
    const base = mounted();
    updateRainShade(base, { '310104014': 42 }, null, true);
    const wet = base.jiezhen.get('310104014')!;
    const dry = base.jiezhen.get('310104103')!;
    expect(wet.options.fillOpacity).toBeCloseTo(rainShadeOpacity(42));
    expect(dry.options.fillOpacity).toBeCloseTo(rainShadeOpacity(0));
    expect(wet.options.fillOpacity!).toBeGreaterThan(dry.options.fillOpacity!);

    updateRainShade(base, { '310104014': 42 }, null, false);
    expect(wet.options.fillOpacity).toBe(0);
  });
});
