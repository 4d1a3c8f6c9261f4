import type { EventEnvelope, State } from '@floodnet/domain';
import type { Translate } from '../i18n/translate';

type PlanEvent = Extract<
  EventEnvelope,
  {
    type:
      | 'plans.registered'
      | 'plan.activated'
      | 'plan.stoodDown'
      | 'task.issued'
      | 'task.acknowledged'
      | 'task.completed'
      | 'task.overdue'
      | 'evacuation.recorded'
      | 'evacuation.returned'
      | 'shift.handedOver';
  }
>;

/** The feed line of a plan, task, evacuation or handover event. */
export function describePlanEvent(
  event: PlanEvent,
  state: State | null,
  name: (id: string) => string,
  t: Translate,
): string {
  const planName = (id: string) => state?.plans.list.find((plan) => plan.id === id)?.name ?? id;
  const task = (id: string) => state?.tasks[id];
  const taskWords = (id: string) => ({
    unit: name(task(id)?.assigneeId ?? id),
    title: task(id)?.title ?? id,
  });
  switch (event.type) {
    case 'plans.registered':
      return t('feed.plans.registered', { n: event.data.plans.length });
    case 'plan.activated':
      return t('feed.plan.activated', { name: planName(event.data.planId) });
    case 'plan.stoodDown':
      return t('feed.plan.stoodDown', {
        name: planName(event.data.planId),
        n: event.data.taskIds.length,
      });
    case 'task.issued':
      return t('feed.task.issued', { unit: name(event.data.assigneeId), title: event.data.title });
    case 'task.acknowledged':
      return t('feed.task.acknowledged', taskWords(event.data.taskId));
    case 'task.completed':
      return t('feed.task.completed', taskWords(event.data.taskId));
    case 'task.overdue':
      return t('feed.task.overdue', taskWords(event.data.taskId));
    case 'evacuation.recorded':
      return t('feed.evacuation.recorded', {
        people: event.data.people,
        from: name(event.data.fromId),
        to: name(event.data.toSiteId),
      });
    case 'evacuation.returned': {
      const evacuation = state?.evacuations[event.data.evacuationId];
      return t('feed.evacuation.returned', {
        from: evacuation ? name(evacuation.fromId) : event.data.evacuationId,
      });
    }
    case 'shift.handedOver':
      return t('feed.shift.handedOver', { who: event.data.by.name });
  }
}
