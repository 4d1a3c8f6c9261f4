import { describe, expect, it } from 'vitest';
import { distanceKm } from '@floodnet/domain';
import { isGcj02Tiles, projectionFor, unprojectFor } from './projection';

describe('drawing on GCJ-02 tiles', () => {
  const xujiahui = { lat: 31.1935, lng: 121.431 };

  it('recognises GCJ-02 providers and leaves WGS-84 ones alone', () => {
    expect(isGcj02Tiles('https://webrd01.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}')).toBe(true);
    expect(isGcj02Tiles('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(false);
    expect(isGcj02Tiles(null)).toBe(false);
    expect(projectionFor(null)(xujiahui.lat, xujiahui.lng)).toEqual([xujiahui.lat, xujiahui.lng]);
  });

  it('moves a WGS-84 point by about half a kilometre near 徐家汇, and back', () => {
    const tiles = 'https://wprd0{s}.is.autonavi.com/appmaptile?style=7&x={x}&y={y}&z={z}';
    const [lat, lng] = projectionFor(tiles)(xujiahui.lat, xujiahui.lng);
    const shift = distanceKm(xujiahui, { lat, lng });
    expect(shift).toBeGreaterThan(0.3);
    expect(shift).toBeLessThan(0.8);
    const [backLat, backLng] = unprojectFor(tiles)(lat, lng);
    expect(distanceKm(xujiahui, { lat: backLat, lng: backLng })).toBeLessThan(0.01);
  });
});
