import type { Command } from '../model/commands.js';
import type { Actor, DomainEvent } from '../model/events.js';
import { initialState, type State } from '../model/state.js';
import { decide, type Decision } from '../decide.js';
import { evolve } from '../evolve.js';
import { testCatalogue } from './catalogue.js';

export const T0 = Date.parse('2021-07-25T12:00:00+08:00');
export const system: Actor = { name: 'floodnet', role: 'system' };
export const gauge: Actor = { name: 'city-gauges', role: 'source' };
export const commander: Actor = { name: 'zhang', role: 'commander' };
export const duty: Actor = { name: 'li', role: 'duty' };
export const viewer: Actor = { name: 'wang', role: 'viewer' };

/** Runs commands in order against a state with the test catalogue, failing on any refusal. */
export function given(...steps: [Command, Actor, number?][]): State {
  const state = initialState();
  const registered = decide({ type: 'registerAssets', assets: testCatalogue }, state, {
    now: T0,
    actor: system,
  });
  foldOrThrow(state, registered);
  for (const [command, actor, now = T0] of steps)
    foldOrThrow(state, decide(command, state, { now, actor }));
  return state;
}

export function foldOrThrow(state: State, decision: Decision): DomainEvent[] {
  if (!decision.ok)
    throw new Error(`refused: ${decision.refusal.code} ${decision.refusal.message}`);
  for (const event of decision.events) evolve(state, event);
  return decision.events;
}

export function reading(sensorId: string, value: number, at: number, id = `${sensorId}@${at}`) {
  return { id, sensorId, value, at: new Date(at).toISOString() };
}
