// Credits the map must show. The base map (district, 街镇, the Huangpu, key areas) is derived from
// OpenStreetMap, so ODbL 1.0 asks for "© OpenStreetMap contributors" wherever it is drawn
// (fixtures/xuhui/README.md, "Sources and licences"); tile providers ask for their own credit.

export const OSM_ATTRIBUTION =
  '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">' +
  'OpenStreetMap contributors</a> (ODbL)';

/** Credits of well-known tile providers, matched on the URL template. */
const PROVIDERS: [RegExp, string][] = [
  [/openstreetmap\.(org|fr)/i, OSM_ATTRIBUTION],
  [/tianditu/i, '© 天地图 Tianditu'],
  [/autonavi|amap/i, '© 高德地图 AutoNavi'],
  [/gtimg|tencent|qq\.com/i, '© 腾讯地图 Tencent'],
  [
    /cartocdn|carto\.com/i,
    '© <a href="https://carto.com/attributions">CARTO</a>, ' + OSM_ATTRIBUTION,
  ],
  [/stadiamaps|stamen/i, '© Stadia Maps © Stamen Design, ' + OSM_ATTRIBUTION],
  [/arcgisonline|arcgis\.com/i, '© Esri'],
];

/**
 * The credit for a tile URL template (FLOODNET_TILES). An unknown provider is at least named by
 * its host, so the screen never shows tiles with no source at all.
 */
export function tileAttribution(template: string): string {
  for (const [pattern, credit] of PROVIDERS) if (pattern.test(template)) return credit;
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(template)?.[1] ?? template;
  return `© ${escapeHtml(host.replace(/^\{s\}\./, ''))}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
