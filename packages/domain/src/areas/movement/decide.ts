import { no, yes, type Deciders } from '../../model/area.js';
import type { DomainEvent } from '../../model/events.js';
import { distanceKm } from '../../model/geo.js';
import { own, type State } from '../../model/state.js';
import type { RuleConfig } from '../../rules/config.js';
import { refuse } from '../../refusals.js';
import type { Position } from './commands.js';
import { isTracked } from './where.js';

export const movementRoles = {
  recordPositions: ['source', 'admin', 'system'],
} as const;

export const movementDeciders: Deciders<'recordPositions'> = {
  recordPositions(command, state, { now, config }) {
    return recordPositions(state, command.positions, now, config);
  },
};

/**
 * The same batch rules as readings: every fix is checked before any is taken, and a bad one
 * refuses the whole batch with its index and field. Two kinds of doubtful fix are told apart:
 * - far outside the district: the tracker is misconfigured (wrong unit id, a test device), so
 *   the batch is **refused** and the sender must fix it;
 * - a jump implying more than 200 km/h since the unit's last believed fix: a GNSS glitch of a
 *   real vehicle, so it is **recorded with a flag** and does not move the unit — refusing would
 *   throw away the good fixes of every other vehicle in the batch.
 */
function recordPositions(state: State, positions: Position[], now: number, config: RuleConfig) {
  const latest = now + config.maxFutureSec * 1000;
  const { maxKmFromCentre, maxSpeedKmh } = config.movement;
  for (const [index, position] of positions.entries()) {
    const asset = own(state.assets, position.unitId);
    if (!asset || !isTracked(asset))
      return no(refuse('UNKNOWN_UNIT', position.unitId, `positions[${index}].unitId`));
    if (Date.parse(position.at) > latest)
      return no(refuse('POSITION_IN_FUTURE', position.at, `positions[${index}].at`));
    const km = distanceKm(config.typhoon.centre, position);
    if (km > maxKmFromCentre.value) {
      const detail = `${km.toFixed(0)} km from the district centre (at most ${maxKmFromCentre.value})`;
      return no(refuse('POSITION_OUT_OF_AREA', detail, `positions[${index}].lat`));
    }
  }
  // Each fix is judged against the unit's last believed one, including earlier fixes of this batch.
  const last = new Map<string, { lat: number; lng: number; at: number }>();
  const events: DomainEvent[] = [];
  for (const position of positions) {
    const at = Date.parse(position.at);
    const previous = last.get(position.unitId) ?? own(state.positions, position.unitId);
    const tooFast =
      previous !== undefined && impliedSpeedKmh(previous, position, at) > maxSpeedKmh.value;
    if (!tooFast && (!previous || at >= previous.at))
      last.set(position.unitId, { lat: position.lat, lng: position.lng, at });
    events.push({
      type: 'unit.positionReported',
      id: position.id,
      at: position.at,
      data: {
        unitId: position.unitId,
        lat: position.lat,
        lng: position.lng,
        speedKmh: position.speedKmh ?? null,
        headingDeg: position.headingDeg ?? null,
        flag: tooFast ? 'implausible-speed' : null,
      },
    });
  }
  return yes(events);
}

/** Speed needed to get from one fix to the next; two fixes at one instant need none if equal. */
export function impliedSpeedKmh(
  from: { lat: number; lng: number; at: number },
  to: { lat: number; lng: number },
  at: number,
): number {
  const km = distanceKm(from, to);
  const hours = Math.abs(at - from.at) / 3600_000;
  if (hours === 0) return km < 0.05 ? 0 : Number.POSITIVE_INFINITY;
  return km / hours;
}
