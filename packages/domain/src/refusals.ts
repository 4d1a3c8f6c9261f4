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
}

export function refuse(code: RefusalCode, detail?: string, path?: string): Refusal {
  const { status, message } = REFUSALS[code];
  return {
    code,
    status,
    message: detail ? `${message}: ${detail}` : message,
    ...(path ? { path } : {}),
  };
}
