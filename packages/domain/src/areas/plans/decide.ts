import { no, yes, type Deciders } from '../../model/area.js';
import type { DomainEvent } from '../../model/events.js';
import { own, type State } from '../../model/state.js';
import { refuse } from '../../refusals.js';
import { bindingRefusal } from '../../model/binding.js';
import type { Actor } from '../../model/primitives.js';
import { toShanghaiIso } from '../../time.js';
import { currentInputs, reconcilePlans } from './activation.js';
import { isOpenTask, type TaskState } from './state.js';

export const planRoles = {
  registerPlans: ['system', 'admin'],
  // A squad leader acts on the squad's own tasks; the command room on anyone's.
  acknowledgeTask: ['duty', 'commander', 'admin', 'squad'],
  completeTask: ['duty', 'commander', 'admin', 'squad'],
  checkTasks: ['system'],
} as const;

function openTask(
  state: State,
  taskId: string,
  actor: Actor,
): TaskState | { refusal: ReturnType<typeof refuse> } {
  const task = own(state.tasks, taskId);
  if (!task) return { refusal: refuse('UNKNOWN_TASK', taskId, 'taskId') };
  const bound = bindingRefusal(actor, task.assigneeId);
  if (bound) return { refusal: bound };
  if (task.completedAt !== null) return { refusal: refuse('TASK_DONE', taskId) };
  if (task.stoodDownAt !== null) return { refusal: refuse('TASK_STOOD_DOWN', taskId) };
  return task;
}

function clearOverdue(state: State, taskId: string, at: string): DomainEvent[] {
  const alertId = state.openAlertBySubject[`task-overdue:${taskId}`];
  return alertId ? [{ type: 'alert.cleared', at, data: { alertId } }] : [];
}

export const planDeciders: Deciders<
  'registerPlans' | 'acknowledgeTask' | 'completeTask' | 'checkTasks'
> = {
  registerPlans(command, state, { at, now }) {
    const { version, plans } = command;
    const events: DomainEvent[] = [{ type: 'plans.registered', at, data: { version, plans } }];
    // Plans that already hold under the present picture start at once.
    const after = { ...state, plans: { version, list: plans } };
    return yes([...events, ...reconcilePlans(after, currentInputs(state), now)]);
  },
  acknowledgeTask(command, state, { at, actor }) {
    const task = openTask(state, command.taskId, actor);
    if ('refusal' in task) return no(task.refusal);
    if (task.acknowledgedAt !== null) return no(refuse('TASK_ALREADY_ACKNOWLEDGED', task.id));
    return yes([{ type: 'task.acknowledged', at, data: { taskId: task.id, by: actor } }]);
  },
  completeTask(command, state, { at, actor }) {
    const task = openTask(state, command.taskId, actor);
    if ('refusal' in task) return no(task.refusal);
    const { finding, note } = command;
    if (finding && task.siteIds.length === 0)
      return no(refuse('NOT_AN_INSPECTION', `${task.id} inspects no sites`, 'finding'));
    if (finding?.siteId !== undefined && !task.siteIds.includes(finding.siteId))
      return no(
        refuse('NOT_AN_INSPECTION', `${finding.siteId} is not on ${task.id}`, 'finding.siteId'),
      );
    if (finding?.result === 'hazard' && !finding.note)
      return no(refuse('FINDING_NEEDS_NOTE', 'say what is wrong', 'finding.note'));
    const events: DomainEvent[] = [];
    // Completing an unacknowledged task acknowledges it too: the board never shows done-but-unseen.
    if (task.acknowledgedAt === null)
      events.push({ type: 'task.acknowledged', at, data: { taskId: task.id, by: actor } });
    events.push({
      type: 'task.completed',
      at,
      data: {
        taskId: task.id,
        by: actor,
        ...(note !== undefined ? { note } : {}),
        ...(finding ? { finding } : {}),
      },
    });
    return yes([...events, ...clearOverdue(state, task.id, at)]);
  },
  checkTasks(_command, state, { now }) {
    const at = toShanghaiIso(now);
    const events: DomainEvent[] = [];
    let alerts = state.counters.alerts;
    for (const task of Object.values(state.tasks)) {
      if (!isOpenTask(task) || task.overdueAt !== null || task.dueAt > now) continue;
      const dueAt = toShanghaiIso(task.dueAt);
      events.push({
        type: 'task.overdue',
        at,
        data: { taskId: task.id, assigneeId: task.assigneeId, dueAt },
      });
      alerts += 1;
      events.push({
        type: 'alert.raised',
        at,
        data: {
          alertId: `alert-${alerts}`,
          kind: 'task-overdue',
          severity: 'yellow',
          subjectId: task.id,
          value: Math.round((now - task.dueAt) / 60_000),
          threshold: 0,
        },
      });
    }
    return yes(events);
  },
};
