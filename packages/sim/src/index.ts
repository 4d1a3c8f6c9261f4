/**
 * floodnet's typhoon scenario: In-Fa (2021) over Xuhui as sensor readings, typhoon positions and
 * a scripted command room's decisions, on a virtual clock; an offline engine that turns them into
 * the contract's event log. Depends on `@floodnet/domain` only.
 */
export { VirtualClock, type VirtualClockOptions } from './clock';
export { mulberry32, Random, hashString, unitHash } from './random';
export { StormTrack, bearingDeg, compassPoint, type BestTrack, type StormFix } from './track';
export { HuangpuTide, HUANGPU_PARK, TIDE } from './tide';
export { RainField, RAIN } from './rain';
export { World, XUHUI } from './world';
export { readingId } from './readings';
export { ResponsePolicy, POLICY, SIM_ACTORS, travelMinutes, type TimedCommand } from './policy';
export { incidentSettled, whyStillOpen } from './incidents';
export {
  InFaScenario,
  IN_FA_START_MS,
  IN_FA_END_MS,
  IN_FA_SEED,
  TYPHOON_NAME,
  type ScenarioOptions,
} from './scenario';
export { OfflineEngine, playScenario, SYSTEM_ACTOR, type EngineRefusal } from './engine';
export {
  loadInFaInputs,
  loadBestTrack,
  loadRiver,
  FIXTURES_DIR,
  type InFaInputs,
} from './fixtures';
export { Fleet, roadPath, alongPath, insideRing, type Ring } from './fleet';
export { FieldPolicy } from './field-policy';
export { envelopeLine, writeNdjson } from './record';
export { hourlySummary } from './summary';
export { largeLog, syntheticSensors, syntheticCountFor, type LargeLogOptions } from './large-log';
export { IN_FA_NOTICES, managerOf, NoticeStoryline } from './notices';
