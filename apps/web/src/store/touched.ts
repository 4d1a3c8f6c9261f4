import type { EventEnvelope, EventType, State } from '@floodnet/domain';

/**
 * The one asset an event changes the look of, for the events that come by the thousand (readings,
 * the alerts they raise, tracker fixes); any other event may change anything (a catalogue edit,
 * an incident, a plan), so it has no entry and the map looks at every asset again.
 */
const TOUCHES: { [T in EventType]?: (data: never, state: State) => string | undefined | false } = {
  'reading.recorded': (data: { sensorId: string }) => data.sensorId,
  'sensor.wentStale': (data: { sensorId: string }) => data.sensorId,
  'underpass.closed': (data: { underpassId: string }) => data.underpassId,
  'underpass.reopened': (data: { underpassId: string }) => data.underpassId,
  'alert.raised': (data: { subjectId: string }) => data.subjectId,
  // Folded already: the alert is in the picture and names its subject.
  'alert.escalated': (data: { alertId: string }, state) => state.alerts[data.alertId]?.subjectId,
  'alert.cleared': (data: { alertId: string }, state) => state.alerts[data.alertId]?.subjectId,
  'alert.acknowledged': (data: { alertId: string }, state) => state.alerts[data.alertId]?.subjectId,
  'unit.positionReported': (data: { unitId: string }) => data.unitId,
  // A rising point's projection, a forecast at a gauge: one sensor each (the map does not draw
  // them today, but they belong to it).
  'trend.projected': (data: { sensorId: string }) => data.sensorId,
  'trend.ended': (data: { sensorId: string }) => data.sensorId,
  'forecast.issued': (data: { sensorId: string }) => data.sensorId,
  'forecast.crossingObserved': (data: { sensorId: string }) => data.sensorId,
  // The storm's track: drawn from the picture each frame, no asset's symbol.
  'typhoon.positionReported': () => false,
};

/**
 * Which asset `envelope` (folded into `state`) touched: its id, false for none, or null: it may
 * have touched any.
 */
export function touchedAsset(envelope: EventEnvelope, state: State): string | false | null {
  const touches = TOUCHES[envelope.type] as
    ((data: EventEnvelope['data'], state: State) => string | undefined | false) | undefined;
  return touches?.(envelope.data, state) ?? null;
}
