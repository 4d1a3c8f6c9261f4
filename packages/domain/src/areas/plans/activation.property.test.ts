import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RESPONSE_LEVELS } from '../../model/vocabulary.js';
import { commander, duty, T0 } from '../../testing/given.js';
import { givenPlans, run } from '../../testing/plans.js';
import { levelRank } from './activation.js';
import { isOpenTask } from './state.js';

const MIN = 60_000;
const level = fc.constantFrom(null, ...RESPONSE_LEVELS);
const step = fc.oneof(
  level.map((value) => ({ kind: 'level' as const, value })),
  fc.nat(50).map((pick) => ({ kind: 'complete' as const, pick })),
);

describe('activation over any sequence of level changes', () => {
  it('never issues a task twice, activates a plan once per rise past it, and leaves nothing open after stand-down', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const state = givenPlans();
        const issued = new Set<string>();
        const expectedActivations: Record<string, number> = {};
        let current: (typeof RESPONSE_LEVELS)[number] | null = null;
        steps.forEach((s, i) => {
          const now = T0 + (i + 1) * MIN;
          if (s.kind === 'complete') {
            const open = Object.values(state.tasks).filter(isOpenTask);
            const task = open[s.pick % Math.max(open.length, 1)];
            if (task) run(state, { type: 'completeTask', taskId: task.id }, duty, now);
            return;
          }
          for (const plan of RESPONSE_LEVELS)
            if (levelRank(s.value) >= levelRank(plan) && levelRank(current) < levelRank(plan))
              expectedActivations[`graded-${plan.toLowerCase()}`] =
                (expectedActivations[`graded-${plan.toLowerCase()}`] ?? 0) + 1;
          current = s.value;
          for (const event of run(
            state,
            { type: 'setResponseLevel', level: s.value },
            commander,
            now,
          )) {
            if (event.type !== 'task.issued') continue;
            expect(issued.has(event.data.taskId)).toBe(false);
            issued.add(event.data.taskId);
          }
          // Every open task belongs to a plan the level keeps in force.
          for (const task of Object.values(state.tasks).filter(isOpenTask))
            expect(state.activePlans[task.planId]?.activationId).toBe(task.activationId);
        });
        const graded = Object.fromEntries(
          Object.entries(state.activations).filter(([id]) => id.startsWith('graded-')),
        );
        expect(graded).toEqual(expectedActivations);
        run(state, { type: 'setResponseLevel', level: null }, commander, T0 + 99 * MIN);
        expect(Object.values(state.tasks).filter(isOpenTask)).toEqual([]);
        expect(Object.keys(state.activePlans)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
