import gcoord from 'gcoord';
import type { GeoJSON } from 'geojson';

/** Turns a stored WGS-84 position into the coordinates the map draws in. */
export type Projection = (lat: number, lng: number) => [number, number];
export const wgs84: Projection = (lat, lng) => [lat, lng];

/** AMap / Tencent / "gcj02" tiles are drawn in GCJ-02, about 500 m off WGS-84 in Xuhui. */
export function isGcj02Tiles(url: string | null | undefined): boolean {
  return !!url && /autonavi|amap|gcj02|gtimg|tencent/i.test(url);
}

export function projectionFor(tiles: string | null | undefined): Projection {
  if (!isGcj02Tiles(tiles)) return wgs84;
  return (lat, lng) => {
    const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02);
    return [y, x];
  };
}

/** The inverse, for a click on a GCJ-02 map: everything is stored in WGS-84. */
export function unprojectFor(tiles: string | null | undefined): Projection {
  if (!isGcj02Tiles(tiles)) return wgs84;
  return (lat, lng) => {
    const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84);
    return [y, x];
  };
}

/** A GeoJSON object in the map's coordinates (a copy when converting; the same object if not). */
export function projectGeoJson<T extends GeoJSON>(geojson: T, tiles: string | null | undefined): T {
  if (!isGcj02Tiles(tiles)) return geojson;
  return gcoord.transform(structuredClone(geojson) as never, gcoord.WGS84, gcoord.GCJ02) as T;
}
