import type { Folds } from '../../model/area.js';
import { actorLabel } from '../../model/primitives.js';
import { own } from '../../model/state.js';

export const alertFolds: Folds<
  'alert.raised' | 'alert.escalated' | 'alert.cleared' | 'alert.acknowledged'
> = {
  'alert.raised'(state, data, at) {
    const { alertId, kind, severity, subjectId, value, threshold } = data;
    state.alerts[alertId] = {
      id: alertId,
      kind,
      severity,
      subjectId,
      value,
      threshold,
      raisedAt: at,
      updatedAt: at,
      acknowledgedAt: null,
      acknowledgedBy: null,
      clearedAt: null,
    };
    state.openAlertBySubject[`${kind}:${subjectId}`] = alertId;
    state.counters.alerts += 1;
  },
  'alert.escalated'(state, data, at) {
    const alert = own(state.alerts, data.alertId);
    if (!alert) return;
    alert.severity = data.severity;
    alert.value = data.value;
    alert.threshold = data.threshold;
    alert.updatedAt = at;
    // A worse level is news: it needs acknowledging afresh.
    alert.acknowledgedAt = null;
    alert.acknowledgedBy = null;
  },
  'alert.cleared'(state, data, at) {
    const alert = own(state.alerts, data.alertId);
    if (!alert) return;
    alert.clearedAt = at;
    const key = `${alert.kind}:${alert.subjectId}`;
    if (state.openAlertBySubject[key] === alert.id) delete state.openAlertBySubject[key];
  },
  'alert.acknowledged'(state, data, at) {
    const alert = own(state.alerts, data.alertId);
    if (!alert) return;
    alert.acknowledgedAt = at;
    alert.acknowledgedBy = actorLabel(data.by);
  },
};
