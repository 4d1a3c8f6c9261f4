import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { distanceKm, type LatLng } from '@floodnet/domain';
import { useLanguage } from '../../i18n/use-language';
import { useDerived } from '../../store/hooks';
import { BASE_COLOURS } from '../../map/palette';
import type { Geography } from '../../store/slices';
import { useStore } from '../../store/store';

/** Roads in a city are longer than the straight line: a detour factor of 1.3 (est.). */
const ROAD_FACTOR = 1.3;

interface Assignment {
  incidentId: string;
  kind: string;
  description: string;
  place: LatLng;
  from: LatLng;
}

/** The squad's current job: what, where on a small map, and how far by road. */
export function AssignmentCard({ squadId }: { squadId: string }) {
  const { t } = useLanguage();
  const job = useDerived((store): Assignment | null => {
    const state = store.picture.state;
    const unit = state?.units[squadId];
    const incident = unit?.incidentId ? state?.incidents[unit.incidentId] : undefined;
    const asset = state?.assets[squadId];
    if (!state || !incident || !asset) return null;
    const fix = state.positions?.[squadId];
    return {
      incidentId: incident.id,
      kind: incident.kind,
      description: incident.description,
      place: incident.location,
      from: fix ? { lat: fix.lat, lng: fix.lng } : { lat: asset.lat, lng: asset.lng },
    };
  });
  if (!job) {
    return (
      <section className="phone-card" data-testid="assignment">
        <h2>{t('squad.assignment')}</h2>
        <p className="muted">{t('squad.noAssignment')}</p>
      </section>
    );
  }
  const km = distanceKm(job.from, job.place) * ROAD_FACTOR;
  return (
    <section className="phone-card" data-testid="assignment">
      <h2>{t('squad.assignment')}</h2>
      <p>
        <b>{t(`incidentKind.${job.kind as 'other'}`)}</b> · {job.incidentId}
      </p>
      <p>{job.description}</p>
      <SmallMap from={job.from} to={job.place} />
      <p data-testid="assignment-distance">{t('squad.distance', { km: km.toFixed(1) })}</p>
    </section>
  );
}

/**
 * A few hundred pixels of map: the squad, the place, a line between, over the district's own
 * 街镇 lines and the Huangpu (no tiles needed), so a leader sees which side of the river and
 * which 街镇 the job is in.
 */
function SmallMap({ from, to }: { from: LatLng; to: LatLng }) {
  const ref = useRef<HTMLDivElement>(null);
  const geography = useStore((store) => store.geography);
  useEffect(
    function drawMap() {
      if (!ref.current) return undefined;
      const map = L.map(ref.current, { zoomControl: false, attributionControl: false });
      // The view first: a layer added to a map without one cannot be placed.
      map.fitBounds(
        L.latLngBounds([
          [from.lat, from.lng],
          [to.lat, to.lng],
        ]),
        { padding: [24, 24], maxZoom: 16 },
      );
      const renderer = L.canvas();
      if (geography) drawGeography(map, geography, renderer);
      L.polyline(
        [
          [from.lat, from.lng],
          [to.lat, to.lng],
        ],
        { color: '#ffb300', weight: 3, dashArray: '6 6', renderer },
      ).addTo(map);
      L.circleMarker([from.lat, from.lng], {
        radius: 7,
        color: '#fff',
        fillColor: '#ffb300',
        fillOpacity: 1,
        renderer,
      }).addTo(map);
      L.circleMarker([to.lat, to.lng], {
        radius: 8,
        color: '#fff',
        fillColor: '#ff4081',
        fillOpacity: 1,
        renderer,
      }).addTo(map);
      return () => {
        map.remove();
      };
    },
    [from.lat, from.lng, to.lat, to.lng, geography],
  );
  return <div ref={ref} className="small-map" data-testid="small-map" />;
}

/** The base map's shapes in the dark theme's colours, beneath the job. */
function drawGeography(map: L.Map, geography: Geography, renderer: L.Renderer): void {
  const colours = BASE_COLOURS.dark;
  const shape = (data: GeoJSON.GeoJsonObject, style: L.PathOptions) =>
    L.geoJSON(data, { interactive: false, renderer, style } as L.GeoJSONOptions).addTo(map);
  shape(geography.huangpu, {
    color: colours.riverStroke,
    weight: 1,
    fillColor: colours.river,
    fillOpacity: 1,
  });
  shape(geography.jiezhen, { color: colours.jiezhen, weight: 1, fill: false });
  shape(geography.district, { color: colours.district, weight: 1.5, fill: false, opacity: 0.6 });
}
