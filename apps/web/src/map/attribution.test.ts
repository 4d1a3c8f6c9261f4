import { describe, expect, it } from 'vitest';
import { OSM_ATTRIBUTION, tileAttribution } from './attribution';

describe('map credits', () => {
  it('credits OpenStreetMap under the ODbL', () => {
    expect(OSM_ATTRIBUTION).toContain('OpenStreetMap contributors');
    expect(OSM_ATTRIBUTION).toContain('ODbL');
  });

  it('credits a known tile provider by name, an unknown one by its host', () => {
    expect(tileAttribution('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(OSM_ATTRIBUTION);
    expect(tileAttribution('https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=K')).toContain('天地图');
    expect(tileAttribution('https://webrd0{s}.is.autonavi.com/appmaptile?x={x}')).toContain('高德');
    expect(tileAttribution('https://{s}.tiles.example.org/{z}/{x}/{y}.png')).toBe(
      '© tiles.example.org',
    );
    expect(tileAttribution('https://a<b>.example/{z}')).not.toContain('<b>');
  });
});
