import { Type, type Static } from '@sinclair/typebox';
import { alertCommands } from '../areas/alerts/commands.js';
import { catalogueCommands } from '../areas/catalogue/commands.js';
import { incidentCommands } from '../areas/incidents/commands.js';
import { responseCommands } from '../areas/response/commands.js';
import { sensorCommands } from '../areas/sensors/commands.js';
import { planCommands } from '../areas/plans/commands.js';
import { evacuationCommands } from '../areas/evacuation/commands.js';
import { handoverCommands } from '../areas/handover/commands.js';
import { noticeCommands } from '../areas/notices/commands.js';
import { compoundCommands } from '../areas/compounds/commands.js';
export { RegisterWebhookBodySchema } from '../areas/webhooks/commands.js';
import { webhookCommands } from '../areas/webhooks/commands.js';
import { movementCommands } from '../areas/movement/commands.js';
import { materialCommands } from '../areas/materials/commands.js';
import { checkInCommands } from '../areas/checkins/commands.js';
import { warningCommands } from '../areas/warnings/commands.js';
import { forecastCommands } from '../areas/forecasts/commands.js';

// HTTP bodies: the same schemas validate requests and give the command payload types.
export {
  MAX_READINGS_PER_BATCH,
  ReadingBatchBodySchema,
  ReadingSchema,
  type Reading,
} from '../areas/sensors/commands.js';
export {
  AssignSquadBodySchema,
  ReportIncidentBodySchema,
  SquadStatusBodySchema,
} from '../areas/incidents/commands.js';
export { ResponseLevelBodySchema, TyphoonPositionBodySchema } from '../areas/response/commands.js';
export { CompleteTaskBodySchema } from '../areas/plans/commands.js';
export { EvacuationBodySchema } from '../areas/evacuation/commands.js';
export { HandoverBodySchema } from '../areas/handover/commands.js';
export {
  AcknowledgeNoticeBodySchema,
  AudienceSchema,
  IssueNoticeBodySchema,
  type Audience,
} from '../areas/notices/commands.js';
export { COMPOUND_REPORT_KINDS, CompoundReportBodySchema } from '../areas/compounds/commands.js';
export {
  CapAlertSchema,
  CapInfoSchema,
  WarningBodySchema,
  type CapAlert,
  type CapInfo,
} from '../areas/warnings/commands.js';
export {
  ForecastBodySchema,
  MAX_FORECAST_POINTS,
  type ForecastBody,
} from '../areas/forecasts/commands.js';

/** Every command, from every area module (`src/areas/*`): a new area adds its list here. */
export const CommandSchema = Type.Union([
  ...catalogueCommands,
  ...sensorCommands,
  ...alertCommands,
  ...responseCommands,
  ...incidentCommands,
  ...planCommands,
  ...evacuationCommands,
  ...handoverCommands,
  ...noticeCommands,
  ...compoundCommands,
  ...webhookCommands,
  ...movementCommands,
  ...materialCommands,
  ...checkInCommands,
  ...warningCommands,
  ...forecastCommands,
]);
export type Command = Static<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
