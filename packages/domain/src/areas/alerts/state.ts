import type { AlertKind, Severity } from '../../model/vocabulary.js';

/** Times in the state are epoch milliseconds; the envelope carries ISO strings. */
type EpochMs = number;

export interface AlertState {
  id: string;
  kind: AlertKind;
  severity: Severity;
  subjectId: string;
  value: number;
  threshold: number;
  raisedAt: EpochMs;
  updatedAt: EpochMs;
  acknowledgedAt: EpochMs | null;
  acknowledgedBy: string | null;
  clearedAt: EpochMs | null;
}

export interface AlertsSlice {
  alerts: Record<string, AlertState>;
  /** The open alert for each (kind, subject), keyed `kind:subjectId`. */
  openAlertBySubject: Record<string, string>;
}

export function initialAlerts(): AlertsSlice {
  return { alerts: {}, openAlertBySubject: {} };
}
