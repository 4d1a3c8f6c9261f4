/** Why a command was refused, in words a duty officer can read, with the HTTP status to use. */
export const REFUSALS = {
  NOT_ALLOWED_FOR_ROLE: { status: 403, message: 'Not allowed for this role' },
  UNKNOWN_INCIDENT: { status: 404, message: 'No such incident' },
  UNKNOWN_SQUAD: { status: 404, message: 'No such team or squad' },
  UNKNOWN_ALERT: { status: 404, message: 'No such alert' },
  UNKNOWN_POINT: { status: 404, message: 'No such asset' },
  UNKNOWN_SENSOR: { status: 422, message: 'No such sensor' },
  READING_IN_FUTURE: { status: 422, message: 'Reading time is too far in the future' },
  INVALID_VALUE: { status: 422, message: 'Value is not valid for this sensor' },
  SQUAD_NOT_FREE: { status: 409, message: 'The squad is not free' },
  INCIDENT_RESOLVED: { status: 409, message: 'The incident is already resolved' },
  INVALID_STATUS_CHANGE: { status: 409, message: 'That status change is not possible now' },
  ALERT_ALREADY_ACKNOWLEDGED: { status: 409, message: 'The alert is already acknowledged' },
  ALERT_CLEARED: { status: 409, message: 'The alert has already cleared' },
  ASSETS_ALREADY_REGISTERED: { status: 409, message: 'Assets are already registered' },
  UNKNOWN_TASK: { status: 404, message: 'No such task' },
  TASK_DONE: { status: 409, message: 'The task is already done' },
  TASK_STOOD_DOWN: { status: 409, message: 'The task was stood down with its plan' },
  TASK_ALREADY_ACKNOWLEDGED: { status: 409, message: 'The task is already acknowledged' },
  NOT_AN_INSPECTION: {
    status: 422,
    message: 'A finding needs an inspection task and one of its sites',
  },
  FINDING_NEEDS_NOTE: { status: 422, message: 'A hazard finding needs a note' },
  UNKNOWN_SITE: { status: 404, message: 'No such resettlement site' },
  SITE_FULL: { status: 409, message: 'The resettlement site has no room for them all' },
  UNKNOWN_EVACUATION: { status: 404, message: 'No such evacuation' },
  ALREADY_RETURNED: { status: 409, message: 'Those people have already returned' },
  NOT_YOUR_COMPOUND: { status: 403, message: 'This account acts for another compound' },
  NOT_YOUR_SQUAD: { status: 403, message: 'This account acts for another squad' },
  UNKNOWN_NOTICE: { status: 404, message: 'No such notice' },
  UNKNOWN_RECIPIENT: { status: 422, message: 'No such compound or squad' },
  NO_RECIPIENTS: { status: 422, message: 'The audience names no compound or squad' },
  NOT_A_RECIPIENT: { status: 403, message: 'The notice was not sent to this compound or squad' },
  NOTICE_ALREADY_ACKNOWLEDGED: { status: 409, message: 'The notice is already acknowledged' },
  UNKNOWN_COMPOUND: { status: 404, message: 'No such compound' },
  WEBHOOK_URL_INVALID: { status: 422, message: 'Not a webhook address floodnet posts to' },
  UNKNOWN_EVENT_TYPE: { status: 422, message: 'No such event type to deliver' },
  UNKNOWN_WEBHOOK: { status: 404, message: 'No such webhook' },
  UNKNOWN_UNIT: { status: 422, message: 'No such tracked team, squad or vehicle' },
  POSITION_IN_FUTURE: { status: 422, message: 'Position time is too far in the future' },
  POSITION_OUT_OF_AREA: { status: 422, message: 'Position is far outside the district' },
  UNKNOWN_STORE: { status: 404, message: 'No such warehouse or staging point' },
  UNKNOWN_VEHICLE: { status: 404, message: 'No such vehicle' },
  INSUFFICIENT_STOCK: { status: 409, message: 'Not enough stock' },
  UNKNOWN_MATERIAL_REQUEST: { status: 404, message: 'No such materials request' },
  INVALID_MATERIAL_STEP: { status: 409, message: 'That materials step is not possible now' },
  RETURN_EXCEEDS_SENT: { status: 422, message: 'More returned than was sent' },
  SQUAD_NOT_ON_A_JOB: { status: 409, message: 'The squad is not out on an incident' },
  CAP_ELEMENT_MISSING: { status: 400, message: 'A required CAP element is missing' },
  WARNING_NOT_ACTUAL: { status: 422, message: 'Only CAP messages with status Actual are taken' },
  WARNING_EVENT_UNSUPPORTED: {
    status: 422,
    message: 'Not a typhoon, rainstorm, high-tide or flood-control warning',
  },
  WARNING_LEVEL_UNKNOWN: { status: 422, message: 'The warning colour cannot be told' },
  WARNING_EXPIRED: { status: 422, message: 'The warning has already expired' },
  UNKNOWN_WARNING_REFERENCE: { status: 422, message: 'No warning with that CAP reference' },
  WARNING_NOT_IN_FORCE: { status: 409, message: 'The warning is no longer in force' },
  WARNING_KIND_MISMATCH: { status: 422, message: 'The update names another kind of warning' },
  FORECAST_OUT_OF_ORDER: { status: 422, message: 'Forecast times must rise strictly' },
} as const;

export type RefusalCode = keyof typeof REFUSALS;

export interface Refusal {
  code: RefusalCode;
  status: number;
  message: string;
  /** Where the problem is, e.g. `readings[12].sensorId`. */
  path?: string;
  /** Machine-readable particulars, e.g. the nearest site with room for `SITE_FULL`. */
  details?: Record<string, string | number | null>;
}

export function refuse(
  code: RefusalCode,
  detail?: string,
  path?: string,
  details?: Refusal['details'],
): Refusal {
  const { status, message } = REFUSALS[code];
  return {
    code,
    status,
    message: detail ? `${message}: ${detail}` : message,
    ...(path ? { path } : {}),
    ...(details ? { details } : {}),
  };
}
