/**
 * floodnet's domain: the model, the contract's events and commands with their schemas, and the
 * pure `decide` / `evolve` pair. No I/O and no clock: time arrives as data.
 *
 * Each area of the command loop is one module under `src/areas/` (its events, commands, state
 * slice, deciders, folds, roles and rules); `decide`, `evolve` and the schemas only route to them.
 */
export * from './model/vocabulary.js';
export * from './model/primitives.js';
export * from './model/assets.js';
export * from './model/events.js';
export * from './model/commands.js';
export * from './model/state.js';
export type { AreaContext, Decider, Deciders, Fold, Folds, Roles } from './model/area.js';
export { distanceKm } from './model/geo.js';
export * from './rules/config.js';
export { commandRoles } from './roles.js';
export { bandOf } from './areas/alerts/rules.js';
export { rainAccumulation, rainstormAt, levelBands } from './areas/sensors/rules.js';
export { suggestedResponse, typhoonSignal } from './areas/response/rules.js';
export * from './refusals.js';
export {
  decide,
  decideInPlace,
  foldsAsItDecides,
  NEXT_STATUS,
  type Decision,
  type DecideContext,
} from './decide.js';
export { evolve, evolveAll, evolveChecked, onSkippedEvent, type SkipReason } from './evolve.js';
export { stateHash } from './hash.js';
export { toShanghaiIso, parseTime } from './time.js';
export {
  suggestUnits,
  SPECIALTIES_FOR_INCIDENT,
  STORM_SPEED_KMH,
  type UnitSuggestion,
} from './areas/incidents/dispatch.js';
export * from './report/after-action.js';
export * from './model/stream-protocol.js';
export * from './contract/state-schema.js';
export * from './contract/geojson-schema.js';
export * from './contract/drill.js';
export * from './contract/report.js';
export * from './contract/errors.js';
export * from './contract/answers.js';
export * from './contract/socket-schema.js';
