import { alertRoles } from './areas/alerts/decide.js';
import { catalogueRoles } from './areas/catalogue/decide.js';
import { incidentRoles } from './areas/incidents/decide.js';
import { responseRoles } from './areas/response/decide.js';
import { sensorRoles } from './areas/sensors/decide.js';
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
  ...warningRoles,
  ...forecastRoles,
};
