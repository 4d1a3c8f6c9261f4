import { alertRoles } from './areas/alerts/decide.js';
import { catalogueRoles } from './areas/catalogue/decide.js';
import { incidentRoles } from './areas/incidents/decide.js';
import { responseRoles } from './areas/response/decide.js';
import { sensorRoles } from './areas/sensors/decide.js';
import { planRoles } from './areas/plans/decide.js';
import { evacuationRoles } from './areas/evacuation/decide.js';
import { handoverRoles } from './areas/handover/decide.js';
import { noticeRoles } from './areas/notices/decide.js';
import { compoundRoles } from './areas/compounds/decide.js';
import { webhookRoles } from './areas/webhooks/decide.js';
import { movementRoles } from './areas/movement/decide.js';
import { materialRoles } from './areas/materials/decide.js';
import { checkInRoles } from './areas/checkins/decide.js';
import { warningRoles } from './areas/warnings/decide.js';
import { forecastRoles } from './areas/forecasts/decide.js';
import type { Roles } from './model/area.js';
import type { CommandType } from './model/commands.js';

/** Which actor roles may issue each command; a command without an entry does not compile. */
export const commandRoles: Roles<CommandType> = {
  ...catalogueRoles,
  ...sensorRoles,
  ...alertRoles,
  ...responseRoles,
  ...incidentRoles,
  ...planRoles,
  ...evacuationRoles,
  ...handoverRoles,
  ...noticeRoles,
  ...compoundRoles,
  ...webhookRoles,
  ...movementRoles,
  ...materialRoles,
  ...checkInRoles,
  ...warningRoles,
  ...forecastRoles,
};
