import { describe, expect, it } from 'vitest';
import { decide } from '../../decide.js';
import { evolve } from '../../evolve.js';
import type { Command } from '../../model/commands.js';
import type { State } from '../../model/state.js';
import { defaultRuleConfig } from '../../rules/config.js';
import { assign, report } from '../../testing/commands.js';
import { givenFleet } from '../../testing/fleet.js';
import { commander, duty, system, T0, viewer } from '../../testing/given.js';
import { eventsOf, refusalOf } from '../../testing/refusals.js';
import { checkInTimer } from './timers.js';

const MIN = 60_000;
const status = (s: 'en-route' | 'on-scene' | 'returning'): Command => ({
  type: 'changeSquadStatus',
  squadId: 'squad-pump-truck',
  status: s,
});
const check: Command = { type: 'checkCheckIns' };
const checkIn: Command = { type: 'checkIn', squadId: 'squad-pump-truck', note: '一切正常' };

/** The pump-truck squad on scene at 永福路 (waterlogging: a check-in every 30 min) since T0. */
function onScene(): State {
  return givenFleet(
    [report, duty],
    [assign('squad-pump-truck'), commander],
    [status('en-route'), duty],
    [status('on-scene'), duty],
  );
}

/** The sensor-free clock of the server: the periodic check, run at `now`. */
function runCheck(state: State, now: number) {
  const decision = decide(check, state, { now, actor: system });
  if (!decision.ok) throw new Error(decision.refusal.code);
  for (const event of decision.events) evolve(state, event);
  return decision.events;
}

describe('check-in timers', () => {
  it('given a squad on scene, when its interval passes without a check-in, then a check-in warning is raised at that moment and not before', () => {
    const state = onScene();
    expect(runCheck(state, T0 + 30 * MIN - 1)).toEqual([]);
    const events = runCheck(state, T0 + 30 * MIN);
    expect(events).toMatchObject([
      {
        type: 'alert.raised',
        data: {
          kind: 'check-in',
          severity: 'yellow',
          subjectId: 'squad-pump-truck',
          value: 30,
          threshold: 30,
        },
      },
    ]);
  });

  it('turns critical half an interval later', () => {
    const state = onScene();
    runCheck(state, T0 + 30 * MIN);
    expect(runCheck(state, T0 + 45 * MIN - 1)).toEqual([]);
    expect(runCheck(state, T0 + 45 * MIN)).toMatchObject([
      { type: 'alert.escalated', data: { severity: 'red' } },
    ]);
    expect(
      checkInTimer(state, 'squad-pump-truck', T0 + 45 * MIN, defaultRuleConfig.checkIns)?.status,
    ).toBe('critical');
  });

  it('given a check-in, then the alert clears and the clock starts again from it', () => {
    const state = onScene();
    runCheck(state, T0 + 31 * MIN);
    const events = eventsOf(checkIn, state, commander, T0 + 32 * MIN);
    expect(events.map((e) => e.type)).toEqual(['squad.checkedIn', 'alert.cleared']);
    for (const event of events) evolve(state, event);
    expect(runCheck(state, T0 + 61 * MIN)).toEqual([]);
    expect(runCheck(state, T0 + 62 * MIN)[0]).toMatchObject({ type: 'alert.raised' });
  });

  it('clears the alert once the squad leaves the scene: nobody waits for that check-in any more', () => {
    const state = onScene();
    runCheck(state, T0 + 31 * MIN);
    for (const event of eventsOf(status('returning'), state, duty)) evolve(state, event);
    expect(runCheck(state, T0 + 32 * MIN)).toMatchObject([{ type: 'alert.cleared' }]);
  });

  it('shows green, warning and critical for the roster', () => {
    const state = onScene();
    const at = (minutes: number) =>
      checkInTimer(state, 'squad-pump-truck', T0 + minutes * MIN, defaultRuleConfig.checkIns)
        ?.status;
    expect([at(10), at(30), at(50)]).toEqual(['green', 'warning', 'critical']);
  });

  it('refuses a check-in from a squad not out on a job, and from a viewer', () => {
    expect(refusalOf(checkIn, givenFleet())).toMatchObject({
      code: 'SQUAD_NOT_ON_A_JOB',
      status: 409,
    });
    expect(refusalOf(checkIn, onScene(), viewer).code).toBe('NOT_ALLOWED_FOR_ROLE');
    expect(refusalOf({ type: 'checkIn', squadId: 'nobody' }, onScene()).code).toBe('UNKNOWN_SQUAD');
  });
});
