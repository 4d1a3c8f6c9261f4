/**
 * floodnet's domain: the model, the contract's events and commands with their schemas, and the
 * pure `decide` / `evolve` pair. No I/O and no clock: time arrives as data.
 */
export * from './model/vocabulary.js';
export * from './model/assets.js';
export * from './model/events.js';
export * from './model/commands.js';
export * from './model/state.js';
export * from './rules/config.js';
export { bandOf } from './rules/alerts.js';
export { rainAccumulation, rainstormAt, levelBands } from './rules/readings.js';
export { distanceKm, suggestedResponse, typhoonSignal } from './rules/signals.js';
export * from './refusals.js';
export { decide, decideInPlace, NEXT_STATUS, type Decision, type DecideContext } from './decide.js';
export { evolve, evolveAll } from './evolve.js';
export { stateHash } from './hash.js';
export { toShanghaiIso, parseTime } from './time.js';
export {
  suggestUnits,
  SPECIALTIES_FOR_INCIDENT,
  STORM_SPEED_KMH,
  type UnitSuggestion,
} from './rules/dispatch.js';
export * from './report/after-action.js';
export * from './model/stream-protocol.js';
export * from './rules/plausibility.js';
export { parseIsoTime, normaliseIsoTime, ISO_TIME_FORMAT } from './time.js';
