import type { EventDataOf, EventEnvelope, EventOf, EventType } from '../model/events.js';
import { own, type State } from '../model/state.js';
import { audienceAsSeenBy } from './unit-view.js';

/**
 * Which bound units (compounds, squads) see each event of the stream, so that a phone folding
 * its own events into `unitView` keeps the picture `unitView` would cut from the server's.
 * One rule per event type: a new event type without one does not compile, so nothing reaches a
 * phone by default.
 */
type Rule<T extends EventType> = (data: EventDataOf<T>, state: State) => readonly string[];

const nobody = (): readonly string[] => [];
const recipient = (data: { recipientId: string }) => [data.recipientId];
const assigneeOfTask = (data: { taskId: string }, state: State) => {
  const task = own(state.tasks, data.taskId);
  return task ? [task.assigneeId] : [];
};

const SEEN_BY: { [T in EventType]: Rule<T> } = {
  // The catalogue holds the unit's own entry: a new catalogue is sent as a fresh view.
  'assets.registered': (data) => data.assets.map((asset) => asset.id),
  'plans.registered': nobody,

  'notice.issued': (data) => data.recipients,
  'notice.delivered': recipient,
  'notice.read': recipient,
  'notice.acknowledged': recipient,
  'notice.overdue': recipient,
  'compound.reported': (data) => [data.compoundId],

  // A squad sees its own status and the job it is on (the place, whether it is resolved).
  'squad.assigned': (data) => [data.squadId],
  'squad.statusChanged': (data) => [data.squadId],
  'incident.resolved': (data, state) =>
    (own(state.incidents, data.incidentId)?.squadIds ?? []).filter(
      (squadId) => own(state.units, squadId)?.incidentId === data.incidentId,
    ),
  'incident.reported': nobody,
  'unit.positionReported': (data) => [data.unitId],
  'squad.checkedIn': (data) => [data.squadId],

  'task.issued': (data) => [data.assigneeId],
  'task.acknowledged': assigneeOfTask,
  'task.completed': assigneeOfTask,
  'task.overdue': (data) => [data.assigneeId],
  'plan.stoodDown': (data, state) => [
    ...new Set(data.taskIds.flatMap((taskId) => assigneeOfTask({ taskId }, state))),
  ],
  'plan.activated': nobody,

  // The command room's: gauges, alerts, levels, warnings, forecasts, materials, webhooks.
  'alert.raised': nobody,
  'alert.escalated': nobody,
  'alert.cleared': nobody,
  'alert.acknowledged': nobody,
  'evacuation.recorded': nobody,
  'evacuation.returned': nobody,
  'forecast.issued': nobody,
  'forecast.crossingObserved': nobody,
  'trend.projected': nobody,
  'trend.ended': nobody,
  'shift.handedOver': nobody,
  'materials.requested': nobody,
  'materials.dispatched': nobody,
  'materials.delivered': nobody,
  'materials.returned': nobody,
  'materials.usedUp': nobody,
  'signal.changed': nobody,
  'responseLevel.suggested': nobody,
  'responseLevel.changed': nobody,
  'typhoon.positionReported': nobody,
  'reading.recorded': nobody,
  'sensor.wentStale': nobody,
  'underpass.closed': nobody,
  'underpass.reopened': nobody,
  'warning.issued': nobody,
  'warning.updated': nobody,
  'warning.cancelled': nobody,
  'webhook.registered': nobody,
  'webhook.delivered': nobody,
  'webhook.attemptFailed': nobody,
};

/**
 * Events that bring into a unit's view what they do not carry themselves (a squad assigned to
 * an incident reported earlier; a new catalogue): the unit is sent its view afresh instead.
 */
const WIDENS: ReadonlySet<EventType> = new Set(['squad.assigned', 'assets.registered']);

/**
 * The units that see an event. `state` is the picture with the event folded in (or later: the
 * facts looked up — a task's assignee, an incident's squads — do not change afterwards).
 * An event of a type this version does not know is seen by nobody.
 */
export function unitsSeeing(event: EventEnvelope, state: State): readonly string[] {
  const rule = Object.hasOwn(SEEN_BY, event.type)
    ? (SEEN_BY[event.type] as Rule<EventType>)
    : undefined;
  return rule ? rule(event.data, state) : [];
}

/** Whether the unit sees the event at all. */
export function unitSees(event: EventEnvelope, unitId: string, state: State): boolean {
  return unitsSeeing(event, state).includes(unitId);
}

/**
 * The event as a unit that sees it receives it: as it is, with the names of other recipients
 * taken out, or `'refresh'` when the unit must be sent its whole view again.
 */
export function eventAsSeenBy(event: EventEnvelope, unitId: string): EventEnvelope | 'refresh' {
  if (WIDENS.has(event.type)) return 'refresh';
  if (event.type === 'notice.issued') return noticeIssuedFor(event, unitId);
  return event;
}

function noticeIssuedFor(event: EventOf<'notice.issued'>, unitId: string): EventEnvelope {
  return {
    ...event,
    data: {
      ...event.data,
      audience: audienceAsSeenBy(event.data.audience, unitId),
      recipients: [unitId],
    },
  };
}
