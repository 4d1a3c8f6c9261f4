import type { Folds } from '../../model/area.js';
import { actorLabel } from '../../model/primitives.js';
import { own } from '../../model/state.js';

export const planFolds: Folds<
  | 'plans.registered'
  | 'plan.activated'
  | 'plan.stoodDown'
  | 'task.issued'
  | 'task.acknowledged'
  | 'task.completed'
  | 'task.overdue'
> = {
  'plans.registered'(state, data) {
    state.plans = { version: data.version, list: data.plans };
  },
  'plan.activated'(state, data, at) {
    const { planId, activationId, reasons } = data;
    state.activePlans[planId] = { planId, activationId, activatedAt: at, reasons };
    state.activations[planId] = (state.activations[planId] ?? 0) + 1;
  },
  'plan.stoodDown'(state, data, at) {
    if (state.activePlans[data.planId]?.activationId === data.activationId)
      delete state.activePlans[data.planId];
    for (const taskId of data.taskIds) {
      const task = own(state.tasks, taskId);
      if (task && task.completedAt === null) task.stoodDownAt = at;
    }
  },
  'task.issued'(state, data, at) {
    state.tasks[data.taskId] = {
      id: data.taskId,
      planId: data.planId,
      activationId: data.activationId,
      assigneeId: data.assigneeId,
      title: data.title,
      titleEn: data.titleEn,
      issuedAt: at,
      dueAt: Date.parse(data.dueAt),
      place: data.place ?? null,
      siteIds: data.siteIds ?? [],
      acknowledgedAt: null,
      acknowledgedBy: null,
      completedAt: null,
      completedBy: null,
      note: null,
      finding: null,
      overdueAt: null,
      stoodDownAt: null,
    };
  },
  'task.acknowledged'(state, data, at) {
    const task = own(state.tasks, data.taskId);
    if (!task) return;
    task.acknowledgedAt = at;
    task.acknowledgedBy = actorLabel(data.by);
  },
  'task.completed'(state, data, at) {
    const task = own(state.tasks, data.taskId);
    if (!task) return;
    task.completedAt = at;
    task.completedBy = actorLabel(data.by);
    task.note = data.note ?? null;
    task.finding = data.finding ?? null;
    const finding = data.finding;
    if (!finding) return;
    // A hazard stays on the map until a later inspection of the same site finds it fine.
    for (const siteId of finding.siteId !== undefined ? [finding.siteId] : task.siteIds) {
      if (finding.result === 'hazard')
        state.hazards[siteId] = { siteId, note: finding.note ?? '', foundAt: at, taskId: task.id };
      else delete state.hazards[siteId];
    }
  },
  'task.overdue'(state, data, at) {
    const task = own(state.tasks, data.taskId);
    if (task) task.overdueAt = at;
  },
};
