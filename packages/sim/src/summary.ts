import { distanceKm, rainAccumulation, toShanghaiIso, type State } from '@floodnet/domain';
import { bearingDeg, compassPoint } from './track';
import { XUHUI } from './world';

/** One line on the picture, for the live run's log each virtual hour. */
export function hourlySummary(state: State, atMs: number): string {
  let wettest = { id: '-', mm: 0 };
  for (const gaugeId of Object.keys(state.rainWindows)) {
    const mm = rainAccumulation(state, gaugeId, atMs, 3600_000);
    if (mm > wettest.mm) wettest = { id: gaugeId, mm };
  }
  const station = Object.values(state.assets).find(
    (asset) => asset.kind === 'water-level-gauge' && asset.tideStation,
  );
  const tide = station ? state.sensors[station.id]?.lastValue : undefined;
  const pumps = Object.values(state.pumps);
  const running = pumps.filter((status) => status === 'running').length;
  const faults = pumps.filter((status) => status === 'fault').length;
  const gatesClosed = Object.values(state.gates).filter((status) => status === 'closed').length;
  const incidents = Object.values(state.incidents);
  const open = incidents.filter((incident) => incident.status !== 'resolved').length;
  const out = Object.values(state.units).filter((unit) => unit.status !== 'standby').length;
  const fix = state.typhoon.track[state.typhoon.track.length - 1];
  const storm = fix
    ? `storm ${Math.round(distanceKm(fix, XUHUI))} km ${compassPoint(bearingDeg(XUHUI, fix))}`
    : 'storm -';
  const signals = Object.entries(state.signals)
    .filter(([, level]) => level !== null)
    .map(([kind, level]) => `${kind}:${level}`)
    .join(',');
  return [
    toShanghaiIso(atMs).slice(0, 16),
    storm,
    `rain 1h max ${wettest.mm.toFixed(1)} mm (${wettest.id})`,
    `${station?.name ?? 'tide'} ${tide === null || tide === undefined ? '-' : tide.toFixed(2)} m`,
    `pumps ${running} running ${faults} fault`,
    `gates ${gatesClosed} closed`,
    `incidents ${open} open / ${incidents.length}`,
    `units out ${out}`,
    `signals ${signals || 'none'}`,
    `response ${state.responseLevel ?? '-'}`,
  ].join(' · ');
}
