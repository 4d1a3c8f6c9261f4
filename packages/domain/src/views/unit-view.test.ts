import { describe, expect, it } from 'vitest';
import { decide } from '../decide.js';
import { evolve } from '../evolve.js';
import type { Command } from '../model/commands.js';
import type { Actor, EventEnvelope } from '../model/events.js';
import type { State } from '../model/state.js';
import { assign, report } from '../testing/commands.js';
import { givenCompounds, leader, manager } from '../testing/compounds.js';
import { commander, duty, system, T0 } from '../testing/given.js';
import { eventAsSeenBy, unitSees, unitsSeeing } from './unit-events.js';
import { unitView, viewUnitOf } from './unit-view.js';

const MIN = 60_000;
const OWN = 'rc-tianping-1';
const OTHER = 'rc-huajing-1';
const SQUAD = 'squad-pump-truck';

/** Runs commands on the picture and returns what they recorded, as the log's envelopes. */
function record(state: State, steps: [Command, Actor, number?][]): EventEnvelope[] {
  const log: EventEnvelope[] = [];
  for (const [command, actor, now = T0] of steps) {
    const decision = decide(command, state, { now, actor });
    if (!decision.ok) throw new Error(`${command.type}: ${decision.refusal.code}`);
    for (const event of decision.events) {
      const seq = state.seq + 1;
      const envelope = { ...event, seq, stream: 'live', id: event.id ?? `e-${seq}` };
      evolve(state, envelope as EventEnvelope);
      log.push(envelope as EventEnvelope);
    }
  }
  return log;
}

const notice = (audience: Extract<Command, { type: 'issueNotice' }>['audience']): Command => ({
  type: 'issueNotice',
  title: '地库车辆撤离',
  body: '请组织车辆撤离',
  audience,
  ackWithinMinutes: 30,
});
const ack = (recipientId: string, noticeId: string): Command => ({
  type: 'acknowledgeNotice',
  noticeId,
  recipientId,
});
const water = (compoundId: string, depthCm: number): Command => ({
  type: 'reportFromCompound',
  compoundId,
  kind: 'water-depth',
  where: 'garage',
  depthCm,
});

describe('a compound’s view of the picture', () => {
  it('holds its own compound, notices and reports, and nothing of another compound', () => {
    // Given a notice to two named compounds, one to the other alone, and reports from both
    const state = givenCompounds(
      [notice({ compoundIds: [OWN, OTHER] }), duty],
      [notice({ compoundIds: [OTHER] }), duty],
      [ack(OWN, 'notice-1'), manager(OWN)],
      [ack(OTHER, 'notice-1'), manager(OTHER)],
      [water(OWN, 30), manager(OWN)],
      [water(OTHER, 45), manager(OTHER)],
    );
    // When the own compound's view is cut
    const view = unitView(state, OWN);
    // Then it names no other compound anywhere
    expect(JSON.stringify(view)).not.toContain(OTHER);
    expect(Object.keys(view.assets)).toEqual([OWN]);
    expect(Object.keys(view.notices)).toEqual(['notice-1']);
    expect(Object.keys(view.notices['notice-1']!.recipients)).toEqual([OWN]);
    expect(view.notices['notice-1']!.audience).toEqual({ compoundIds: [OWN] });
    expect(view.notices['notice-1']!.recipients[OWN]!.acknowledged).toBe(T0);
    expect(Object.values(view.compoundReports).map((r) => r.depthCm)).toEqual([30]);
    // And the command room's picture (alerts from the reports, gauges) is not in it
    expect(Object.keys(state.alerts).length).toBeGreaterThan(0);
    expect(view.alerts).toEqual({});
    expect(view.sensors).toEqual({});
    // And the picture it was cut from is untouched
    expect(Object.keys(state.notices['notice-1']!.recipients)).toEqual([OWN, OTHER]);
  });

  it('sees a notice, its own receipts and its own reports, not another compound’s', () => {
    const state = givenCompounds();
    const log = record(state, [
      [notice({ all: true }), duty],
      [ack(OTHER, 'notice-1'), manager(OTHER)],
      [ack(OWN, 'notice-1'), manager(OWN)],
      [water(OTHER, 45), manager(OTHER)],
      [water(OWN, 30), manager(OWN)],
    ]);
    const seen = log.filter((event) => unitSees(event, OWN, state));
    expect(seen.map((event) => event.type)).toEqual([
      'notice.issued',
      'notice.delivered',
      'notice.read',
      'notice.acknowledged',
      'compound.reported',
    ]);
    expect(JSON.stringify(seen.map((event) => eventAsSeenBy(event, OWN)))).not.toContain(OTHER);
    // A report's alert is the duty officer's, not the phone's
    expect(log.some((event) => event.type === 'alert.raised')).toBe(true);
    expect(
      unitsSeeing(
        log.find((event) => event.type === 'alert.raised')!,
        state,
      ),
    ).toEqual([]);
  });
});

describe('a squad’s view of the picture', () => {
  it('gets its assignment afresh, then follows its own status and nothing else', () => {
    const state = givenCompounds([report, duty]);
    const log = record(state, [
      [assign(SQUAD), commander],
      [assign('squad-tree-clearance'), commander],
      [{ type: 'changeSquadStatus', squadId: SQUAD, status: 'en-route' }, leader(SQUAD)],
      [{ type: 'changeSquadStatus', squadId: 'squad-tree-clearance', status: 'en-route' }, duty],
    ]);
    const forSquad = log.filter((event) => unitSees(event, SQUAD, state));
    expect(
      forSquad.map((event) => [event.type, eventAsSeenBy(event, SQUAD) === 'refresh']),
    ).toEqual([
      ['squad.assigned', true],
      ['squad.statusChanged', false],
    ]);
    const view = unitView(state, SQUAD);
    expect(view.units[SQUAD]?.status).toBe('en-route');
    expect(Object.keys(view.incidents)).toEqual(['inc-1']);
    expect(Object.keys(view.units)).toEqual([SQUAD]);
  });
});

describe('folding only what a unit sees', () => {
  it('keeps each unit’s view equal to the view cut from the whole picture', () => {
    // Given every unit's view at the start, and a night of notices, receipts, reports and a job
    const start = givenCompounds([report, duty]);
    const units = [OWN, OTHER, 'rc-tianping-2', SQUAD, 'squad-tree-clearance'];
    const views = new Map(units.map((unit) => [unit, unitView(start, unit)]));
    const log = record(structuredClone(start), [
      [notice({ all: true, squadIds: [SQUAD] }), duty],
      [notice({ lowLying: true }), duty],
      [ack(OWN, 'notice-1'), manager(OWN)],
      [{ type: 'readNotice', noticeId: 'notice-2', recipientId: OTHER }, manager(OTHER)],
      [ack(SQUAD, 'notice-1'), leader(SQUAD)],
      [water(OWN, 30), manager(OWN)],
      [water(OTHER, 60), manager(OTHER)],
      [assign(SQUAD), commander],
      [{ type: 'changeSquadStatus', squadId: SQUAD, status: 'en-route' }, leader(SQUAD)],
      [{ type: 'checkNotices' }, system, T0 + 45 * MIN],
      [{ type: 'resolveIncident', incidentId: 'inc-1' }, commander, T0 + 50 * MIN],
    ]);
    // When the server folds the log and each unit folds only the events it sees, as it sees them
    const state = start;
    for (const event of log) {
      evolve(state, event);
      for (const unit of unitsSeeing(event, state)) {
        const view = views.get(unit);
        if (!view) continue;
        const seen = eventAsSeenBy(event, unit);
        if (seen === 'refresh') views.set(unit, unitView(state, unit));
        else evolve(view, seen);
      }
    }
    // Then every view is what the server would cut now (apart from the seq and clock it reached)
    expect(log.some((event) => event.type === 'notice.overdue')).toBe(true);
    for (const unit of units) {
      const { seq: _seq, clock: _clock, ...folded } = views.get(unit)!;
      const { seq: _s, clock: _c, ...cut } = unitView(state, unit);
      expect([unit, folded]).toEqual([unit, cut]);
    }
  });
});

describe('which accounts get a view', () => {
  it('cuts the picture for compound and squad accounts only', () => {
    expect(viewUnitOf(manager(OWN))).toBe(OWN);
    expect(viewUnitOf(leader(SQUAD))).toBe(SQUAD);
    // A bound role without its binding sees nothing rather than everything
    expect(viewUnitOf({ name: 'x', role: 'compound' })).toBe('');
    expect(viewUnitOf(duty)).toBeNull();
    expect(viewUnitOf(commander)).toBeNull();
  });
});
