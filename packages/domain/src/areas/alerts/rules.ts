import type { DomainEvent } from '../../model/events.js';
import type { State } from '../../model/state.js';
import { severityRank, type AlertKind, type Severity } from '../../model/vocabulary.js';
import type { SeverityBands } from '../../rules/config.js';

/** The highest band a value reaches, or null below the lowest. */
export function bandOf(value: number, bands: SeverityBands): Severity | null {
  if (value >= bands.red) return 'red';
  if (value >= bands.orange) return 'orange';
  if (value >= bands.yellow) return 'yellow';
  if (value >= bands.blue) return 'blue';
  return null;
}

/**
 * Emits the events that move the open alert for (kind, subject) to `severity`: raise a new one,
 * escalate a worse one, or clear it when `clear` is true. A lower level keeps the alert as is:
 * alarms step down only by clearing, so a falling value never hides a worse one just passed.
 */
export function alertTransition(
  state: State,
  at: string,
  kind: AlertKind,
  subjectId: string,
  next: { severity: Severity | null; value: number; threshold: number; clear: boolean },
): DomainEvent[] {
  const openId = state.openAlertBySubject[`${kind}:${subjectId}`];
  const open = openId ? state.alerts[openId] : undefined;
  if (!open) {
    if (next.severity === null || next.clear) return [];
    const alertId = `alert-${state.counters.alerts + 1}`;
    return [
      {
        type: 'alert.raised',
        at,
        data: {
          alertId,
          kind,
          severity: next.severity,
          subjectId,
          value: next.value,
          threshold: next.threshold,
        },
      },
    ];
  }
  if (next.clear) return [{ type: 'alert.cleared', at, data: { alertId: open.id } }];
  if (next.severity !== null && severityRank(next.severity) > severityRank(open.severity)) {
    return [
      {
        type: 'alert.escalated',
        at,
        data: {
          alertId: open.id,
          severity: next.severity,
          value: next.value,
          threshold: next.threshold,
        },
      },
    ];
  }
  return [];
}

/**
 * As `alertTransition` for several subjects of one kind at once: the new alerts' ids are handed
 * out in order, as the alert fold will count them, so one decision may raise more than one.
 */
export function alertTransitions(
  state: State,
  at: string,
  kind: AlertKind,
  subjects: { subjectId: string; severity: Severity | null; value: number; threshold: number }[],
): DomainEvent[] {
  const events: DomainEvent[] = [];
  let nextAlert = state.counters.alerts + 1;
  for (const { subjectId, severity, value, threshold } of subjects) {
    const openId = state.openAlertBySubject[`${kind}:${subjectId}`];
    const open = openId && Object.hasOwn(state.alerts, openId) ? state.alerts[openId] : undefined;
    if (!open) {
      if (severity === null) continue;
      const alertId = `alert-${nextAlert++}`;
      events.push({
        type: 'alert.raised',
        at,
        data: { alertId, kind, severity, subjectId, value, threshold },
      });
    } else if (severity === null) {
      events.push({ type: 'alert.cleared', at, data: { alertId: open.id } });
    } else if (severityRank(severity) > severityRank(open.severity)) {
      events.push({
        type: 'alert.escalated',
        at,
        data: { alertId: open.id, severity, value, threshold },
      });
    }
  }
  return events;
}
