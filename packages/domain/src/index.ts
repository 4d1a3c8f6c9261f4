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
export * from './contract/geography-schema.js';
export * from './contract/wire.js';
export * from './rules/plausibility.js';
export {
  parseIsoTime,
  normaliseIsoTime,
  fromWireTime,
  isWireTime,
  ISO_TIME_FORMAT,
  WIRE_TIME_FORMAT,
  WIRE_TIME_PATTERN,
} from './time.js';
export * from './areas/plans/schema.js';
export { checkPlansFile, type PlansCheck, type PlanReferences } from './areas/plans/validate.js';
export {
  previewLevel,
  assigneesOf,
  planReasons,
  currentInputs,
  levelRank,
  type PlanPreview,
  type TriggerInputs,
} from './areas/plans/activation.js';
export { isOpenTask } from './areas/plans/state.js';
export { FindingSchema } from './areas/plans/events.js';
export {
  evacuationTotals,
  nearestWithRoom,
  sitesByDistance,
  type EvacuationTotals,
  type SiteRoom,
} from './areas/evacuation/sites.js';
export {
  handoverReport,
  changesIn,
  headline,
  type HandoverReport,
  type HandoverChanges,
} from './areas/handover/report.js';
export { bindingRefusal, boundUnit } from './model/binding.js';
export { compoundsOf, isCompound, recipientsOf } from './areas/notices/audience.js';
export { reportAlert } from './areas/compounds/rules.js';
export type { PlanSection, UnitTaskRecord, FindingRecord } from './report/plans-section.js';
export { webhookUrlProblem } from './areas/webhooks/decide.js';
export {
  MAX_POSITIONS_PER_BATCH,
  PositionBatchBodySchema,
  PositionSchema,
  type Position,
} from './areas/movement/commands.js';
export type { PositionState } from './areas/movement/state.js';
export {
  arrivalEstimate,
  isPositionStale,
  isTracked,
  roadEstimate,
  vehiclesOf,
  whereIs,
  type ArrivalEstimate,
  type UnitWhere,
} from './areas/movement/where.js';
export type { MovementConfig } from './areas/movement/config.js';
export {
  MATERIAL_STEPS,
  MaterialItemsSchema,
  RequestMaterialsBodySchema,
  ReturnMaterialsBodySchema,
  ReturnedItemsSchema as QuantitiesSchema,
  type MaterialItems,
  type MaterialStep,
} from './areas/materials/commands.js';
export type {
  MaterialRequestState,
  MaterialRequestStatus,
  Quantities,
} from './areas/materials/state.js';
export { NEXT_MATERIAL_STEP } from './areas/materials/decide.js';
export {
  isStore,
  stockOnHand,
  stores,
  lowStockSubject,
  type Store,
} from './areas/materials/stock.js';
export type { MaterialsConfig } from './areas/materials/config.js';
export { CheckInBodySchema } from './areas/checkins/commands.js';
export { checkInTimer, type CheckInStatus, type CheckInTimer } from './areas/checkins/timers.js';
export type { CheckInConfig } from './areas/checkins/config.js';
export { suggestMaterials, type MaterialSuggestion } from './areas/materials/suggest.js';
export type {
  MovementReport,
  TravelTime,
  MaterialsUsed,
  CheckInMissed,
} from './report/movement-report.js';
export {
  warningKindOf,
  warningLevelOf,
  warningsInForce,
  officialResponse,
  referencedIdentifiers,
} from './areas/warnings/rules.js';
export { forecastBands, foreseenCrossing, fitTrend } from './areas/forecasts/rules.js';
export * from './report/forecasts.js';
export { capAlertToXml, xmlElements, xmlText, CAP_NAMESPACE } from './areas/warnings/cap-xml.js';
export { unitView, viewUnitOf, noticeAsSeenBy } from './views/unit-view.js';
export { unitsSeeing, unitSees, eventAsSeenBy } from './views/unit-events.js';
