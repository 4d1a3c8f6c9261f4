import { describe, expect, it } from 'vitest';
import { isOpenTask, type EventEnvelope, type EventOf } from '@floodnet/domain';
import { OfflineEngine, playScenario } from './engine';
import { loadInFaInputs } from './fixtures';
import { IN_FA_SEED, InFaScenario } from './scenario';

const inputs = loadInFaInputs();

function playWithPlans() {
  const engine = new OfflineEngine();
  const scenario = new InFaScenario({ ...inputs, seed: IN_FA_SEED });
  const envelopes: EventEnvelope[] = [];
  for (const envelope of playScenario(
    scenario,
    inputs.assets,
    engine,
    scenario.endMs,
    inputs.plans,
  ))
    envelopes.push(envelope);
  return { engine, envelopes };
}

let cached: ReturnType<typeof playWithPlans> | null = null;
const run = () => (cached ??= playWithPlans());
const ofType = <T extends EventEnvelope['type']>(type: T) =>
  run().envelopes.filter((e): e is EventOf<T> => e.type === type);

// Four days of In-Fa with the plans: seconds, more on a loaded machine; no timing asserted.
describe('In-Fa with the plans', { timeout: 180_000 }, () => {
  it('activates the graded plans as the level rises and stands them down as it falls', () => {
    const activated = ofType('plan.activated').map((e) => e.data.planId);
    expect(activated).toEqual(expect.arrayContaining(['graded-iv', 'graded-iii', 'graded-ii']));
    expect(ofType('plan.stoodDown').length).toBeGreaterThan(0);
    expect(run().engine.refusals).toEqual([]);
  });

  it('has units finish most tasks, some late, and leaves nothing open once stood down', () => {
    const issued = ofType('task.issued');
    const done = new Map(ofType('task.completed').map((e) => [e.data.taskId, Date.parse(e.at)]));
    const late = issued.filter(
      (task) => (done.get(task.data.taskId) ?? 0) > Date.parse(task.data.dueAt),
    );
    expect(done.size).toBeGreaterThan(issued.length / 2);
    expect(late.length).toBeGreaterThan(0);
    expect(ofType('task.overdue').length).toBeGreaterThan(0);
    const { state } = run().engine;
    if (state.responseLevel === null)
      expect(
        Object.values(state.tasks)
          .filter(isOpenTask)
          .filter((t) => t.planId.startsWith('graded-')),
      ).toEqual([]);
  });

  it('finds a few hazards in the inspection rounds and later finds some fixed', () => {
    const findings = ofType('task.completed').flatMap((e) =>
      e.data.finding ? [e.data.finding] : [],
    );
    const hazards = findings.filter((f) => f.result === 'hazard');
    expect(hazards.length).toBeGreaterThan(0);
    const fixed = findings.filter(
      (f) => f.result === 'fine' && hazards.some((h) => h.siteId === f.siteId),
    );
    expect(fixed.length).toBeGreaterThan(0);
  });

  it('moves construction workers to resettlement sites with room and brings them back', () => {
    const moved = ofType('evacuation.recorded');
    expect(moved.length).toBeGreaterThan(10);
    expect(moved.every((e) => e.data.fromId.startsWith('site-'))).toBe(true);
    const { state } = run().engine;
    for (const asset of Object.values(state.assets))
      if (asset.kind === 'resettlement-site')
        expect(state.occupancy[asset.id] ?? 0).toBeLessThanOrEqual(asset.capacity);
    expect(ofType('evacuation.returned').length).toBeGreaterThan(0);
  });

  it('hands over the shift at 08:00 and 20:00', () => {
    const times = ofType('shift.handedOver').map((e) => e.at.slice(11, 16));
    expect(times.length).toBeGreaterThanOrEqual(6);
    expect(new Set(times)).toEqual(new Set(['08:00', '20:00']));
  });
});
