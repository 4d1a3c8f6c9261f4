import { describe, expect, it } from 'vitest';
import type { Command } from '../../model/commands.js';
import { decide } from '../../decide.js';
import { givenCompounds, leader, manager } from '../../testing/compounds.js';
import { commander, duty, system, T0 } from '../../testing/given.js';
import { recipientsOf } from './audience.js';

const MIN = 60_000;
const garages: Command = {
  type: 'issueNotice',
  title: '地库车辆撤离',
  body: '低洼小区请立即组织地下车库车辆撤离',
  audience: { lowLying: true, undergroundGarage: true },
  ackWithinMinutes: 30,
};
type Issue = Extract<Command, { type: 'issueNotice' }>;
const toAll = (extra: Partial<Issue> = {}): Issue => ({
  type: 'issueNotice',
  title: '台风预警',
  body: '台风烟花将影响本区',
  audience: { all: true },
  ackWithinMinutes: 60,
  ...extra,
});
const receipt = (
  type: 'markNoticeDelivered' | 'readNotice' | 'acknowledgeNotice',
  recipientId: string,
  noticeId = 'notice-1',
): Command => ({ type, noticeId, recipientId });

describe('audience selection', () => {
  const state = givenCompounds();
  it('takes every compound for all, and narrows by 街镇, low-lying and garage together', () => {
    expect(recipientsOf(state, { all: true })).toHaveLength(4);
    expect(recipientsOf(state, { jiezhen: ['310104103'] })).toEqual([
      'rc-huajing-1',
      'rc-huajing-2',
    ]);
    expect(recipientsOf(state, { lowLying: true })).toEqual(['rc-tianping-1', 'rc-huajing-1']);
    expect(recipientsOf(state, { lowLying: true, undergroundGarage: true })).toEqual([
      'rc-tianping-1',
    ]);
  });
  it('adds named compounds and squads once each', () => {
    expect(
      recipientsOf(state, {
        jiezhen: ['310104003'],
        compoundIds: ['rc-tianping-1', 'rc-huajing-2'],
        squadIds: ['squad-pump-truck'],
      }),
    ).toEqual(['rc-tianping-1', 'rc-tianping-2', 'rc-huajing-2', 'squad-pump-truck']);
  });
  it('refuses an audience naming nothing known, or nobody at all', () => {
    const unknown = decide(
      { ...toAll(), audience: { compoundIds: ['rc-nowhere'], squadIds: ['rc-tianping-1'] } },
      state,
      { now: T0, actor: duty },
    );
    expect(unknown).toMatchObject({
      ok: false,
      refusal: { code: 'UNKNOWN_RECIPIENT', path: 'audience' },
    });
    expect(unknown.ok || unknown.refusal.message).toContain('rc-nowhere, rc-tianping-1');
    const empty = decide({ ...toAll(), audience: {} }, state, { now: T0, actor: duty });
    expect(empty).toMatchObject({ ok: false, refusal: { code: 'NO_RECIPIENTS' } });
  });
});

describe('receipts', () => {
  it('given a notice to the low-lying garages, then only that compound gets a receipt', () => {
    const state = givenCompounds([garages, duty]);
    expect(Object.keys(state.notices['notice-1']!.recipients)).toEqual(['rc-tianping-1']);
    expect(state.notices['notice-1']!.ackBy).toBe(T0 + 30 * MIN);
  });

  it('moves delivered → read → acknowledged, each at its own time', () => {
    const pm = manager('rc-tianping-1');
    const state = givenCompounds(
      [garages, duty],
      [receipt('markNoticeDelivered', 'rc-tianping-1'), pm, T0 + MIN],
      [receipt('markNoticeDelivered', 'rc-tianping-1'), pm, T0 + 2 * MIN],
      [receipt('readNotice', 'rc-tianping-1'), pm, T0 + 3 * MIN],
      [receipt('acknowledgeNotice', 'rc-tianping-1'), pm, T0 + 4 * MIN],
    );
    expect(state.notices['notice-1']!.recipients['rc-tianping-1']).toMatchObject({
      delivered: T0 + MIN,
      read: T0 + 3 * MIN,
      acknowledged: T0 + 4 * MIN,
      overdue: null,
    });
  });

  it('fills in the missing steps when a manager acknowledges straight away', () => {
    const state = givenCompounds([garages, duty]);
    const decision = decide(receipt('acknowledgeNotice', 'rc-tianping-1'), state, {
      now: T0,
      actor: manager('rc-tianping-1'),
    });
    expect(decision.ok && decision.events.map((event) => event.type)).toEqual([
      'notice.delivered',
      'notice.read',
      'notice.acknowledged',
    ]);
  });

  it('refuses a second acknowledgement, and a compound the notice was not sent to', () => {
    const pm = manager('rc-tianping-1');
    const state = givenCompounds(
      [garages, duty],
      [receipt('acknowledgeNotice', 'rc-tianping-1'), pm],
    );
    expect(
      decide(receipt('acknowledgeNotice', 'rc-tianping-1'), state, { now: T0, actor: pm }),
    ).toMatchObject({ ok: false, refusal: { code: 'NOTICE_ALREADY_ACKNOWLEDGED' } });
    expect(
      decide(receipt('readNotice', 'rc-huajing-1'), state, {
        now: T0,
        actor: manager('rc-huajing-1'),
      }),
    ).toMatchObject({ ok: false, refusal: { code: 'NOT_A_RECIPIENT', status: 403 } });
  });

  it('refuses a compound account acting on another compound, and a squad on another squad', () => {
    const state = givenCompounds([
      toAll({ audience: { all: true, squadIds: ['squad-pump-truck'] } }),
      commander,
    ]);
    expect(
      decide(receipt('acknowledgeNotice', 'rc-tianping-2'), state, {
        now: T0,
        actor: manager('rc-tianping-1'),
      }),
    ).toMatchObject({ ok: false, refusal: { code: 'NOT_YOUR_COMPOUND', status: 403 } });
    expect(
      decide(receipt('readNotice', 'squad-pump-truck'), state, {
        now: T0,
        actor: leader('squad-tree-clearance'),
      }),
    ).toMatchObject({ ok: false, refusal: { code: 'NOT_YOUR_SQUAD' } });
    expect(
      decide(receipt('readNotice', 'squad-pump-truck'), state, {
        now: T0,
        actor: leader('squad-pump-truck'),
      }).ok,
    ).toBe(true);
  });

  it('refuses a property manager issuing a notice', () => {
    expect(
      decide(toAll(), givenCompounds(), { now: T0, actor: manager('rc-tianping-1') }),
    ).toMatchObject({ ok: false, refusal: { code: 'NOT_ALLOWED_FOR_ROLE' } });
  });
});

describe('overdue at the deadline, on an injected clock', () => {
  const pm = (id: string) => manager(id);
  const check: Command = { type: 'checkNotices' };
  const setUp = () =>
    givenCompounds(
      [toAll(), duty],
      [receipt('acknowledgeNotice', 'rc-tianping-1'), pm('rc-tianping-1'), T0 + 10 * MIN],
      [receipt('readNotice', 'rc-huajing-1'), pm('rc-huajing-1'), T0 + 20 * MIN],
    );

  it('given a notice due in 60 min, when checked a minute early, then nobody is overdue', () => {
    const decision = decide(check, setUp(), { now: T0 + 59 * MIN, actor: system });
    expect(decision).toEqual({ ok: true, events: [] });
  });

  it('when checked at the deadline, then each silent compound is handed to its 街镇 team', () => {
    const state = setUp();
    const decision = decide(check, state, { now: T0 + 60 * MIN, actor: system });
    if (!decision.ok) throw new Error(decision.refusal.code);
    const overdue = decision.events.filter((event) => event.type === 'notice.overdue');
    expect(overdue.map((event) => event.data)).toEqual([
      { noticeId: 'notice-1', recipientId: 'rc-tianping-2', teamId: 'team-tianping' },
      { noticeId: 'notice-1', recipientId: 'rc-huajing-1', teamId: 'team-huajing' },
      { noticeId: 'notice-1', recipientId: 'rc-huajing-2', teamId: 'team-huajing' },
    ]);
    const alerts = decision.events.filter((event) => event.type === 'alert.raised');
    expect(alerts.map((event) => event.data)).toMatchObject([
      { alertId: 'alert-1', kind: 'notice-overdue', subjectId: 'rc-tianping-2', threshold: 60 },
      { alertId: 'alert-2', subjectId: 'rc-huajing-1' },
      { alertId: 'alert-3', subjectId: 'rc-huajing-2' },
    ]);
  });

  it('goes overdue once, and a late acknowledgement clears the follow-up alert', () => {
    const state = givenCompounds([toAll(), duty], [check, system, T0 + 61 * MIN]);
    expect(decide(check, state, { now: T0 + 70 * MIN, actor: system })).toEqual({
      ok: true,
      events: [],
    });
    expect(state.notices['notice-1']!.recipients['rc-huajing-2']).toMatchObject({
      overdue: T0 + 61 * MIN,
      followUpTeamId: 'team-huajing',
    });
    const late = decide(receipt('acknowledgeNotice', 'rc-huajing-2'), state, {
      now: T0 + 75 * MIN,
      actor: pm('rc-huajing-2'),
    });
    expect(late.ok && late.events.at(-1)).toMatchObject({
      type: 'alert.cleared',
      data: { alertId: state.openAlertBySubject['notice-overdue:rc-huajing-2'] },
    });
  });
});
