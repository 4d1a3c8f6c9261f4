import { describe, expect, it } from 'vitest';
import { decide, evolve, initialState, type State } from '@floodnet/domain';
import { loadInFaInputs } from './fixtures';
import { IN_FA_NOTICES, NoticeStoryline } from './notices';
import { SIM_ACTORS } from './policy';

const MINUTE = 60_000;

describe('the compounds during In-Fa', () => {
  it('sends the notices in order, most acknowledge in time, the late are escalated, a dozen report water', () => {
    const { assets } = loadInFaInputs();
    const state: State = initialState();
    const system = { name: 'floodnet', role: 'system' } as const;
    const apply = (decision: ReturnType<typeof decide>) => {
      if (!decision.ok) throw new Error(decision.refusal.code);
      for (const event of decision.events) evolve(state, event);
    };
    apply(
      decide({ type: 'registerAssets', assets }, state, {
        now: IN_FA_NOTICES[0]!.at,
        actor: system,
      }),
    );
    const story = new NoticeStoryline(assets, 2106, SIM_ACTORS.commander);
    const end = Date.parse('2021-07-26T14:00:00+08:00');
    for (let now = IN_FA_NOTICES[0]!.at; now <= end; now += MINUTE) {
      for (const { actor, command } of story.decide(state, now))
        apply(decide(command, state, { now, actor }));
    }
    const notices = Object.values(state.notices);
    expect(notices.map((notice) => notice.title)).toEqual(IN_FA_NOTICES.map((plan) => plan.title));
    const due = notices.filter((notice) => notice.ackBy !== null);
    const receipts = due.flatMap((notice) =>
      Object.values(notice.recipients).map((receipt) => ({ receipt, ackBy: notice.ackBy! })),
    );
    const onTime = receipts.filter(
      ({ receipt, ackBy }) => receipt.acknowledged !== null && receipt.acknowledged <= ackBy,
    );
    expect(onTime.length / receipts.length).toBeGreaterThan(0.75);
    const late = receipts.filter(({ receipt }) => receipt.overdue !== null);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every(({ receipt }) => receipt.followUpTeamId !== null)).toBe(true);
    const wet = new Set(Object.values(state.compoundReports).map((report) => report.compoundId));
    expect(wet.size).toBe(12);
    const raised = Object.values(state.alerts).filter((alert) => alert.kind === 'compound-report');
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.every((alert) => alert.clearedAt !== null)).toBe(true);
  });
});
