import { describe, expect, it } from 'vitest';
import type { Command } from '../../model/commands.js';
import { decide } from '../../decide.js';
import { givenCompounds, manager } from '../../testing/compounds.js';
import { duty, T0 } from '../../testing/given.js';

type Report = Omit<Extract<Command, { type: 'reportFromCompound' }>, 'type' | 'compoundId'>;
const report = (compoundId: string, body: Report): Command => ({
  type: 'reportFromCompound',
  compoundId,
  ...body,
});
const pm = manager('rc-tianping-1');

describe('reports from compounds', () => {
  it('given 30 cm in the garage, then the report is kept and an alert is raised there', () => {
    const decision = decide(
      report('rc-tianping-1', { kind: 'water-depth', depthCm: 30, where: 'garage' }),
      givenCompounds(),
      { now: T0, actor: pm },
    );
    expect(decision.ok && decision.events).toMatchObject([
      {
        type: 'compound.reported',
        data: { reportId: 'report-1', compoundId: 'rc-tianping-1', depthCm: 30, where: 'garage' },
      },
      {
        type: 'alert.raised',
        data: {
          kind: 'compound-report',
          subjectId: 'rc-tianping-1',
          severity: 'yellow',
          value: 30,
        },
      },
    ]);
  });

  it('raises nothing for 5 cm at the entrance, but keeps it in the history', () => {
    const state = givenCompounds([
      report('rc-tianping-1', { kind: 'water-depth', depthCm: 5, where: 'entrance' }),
      pm,
    ]);
    expect(Object.keys(state.alerts)).toEqual([]);
    expect(state.reportsByCompound['rc-tianping-1']).toEqual(['report-1']);
  });

  it('escalates on a flooded garage and clears on all clear', () => {
    const state = givenCompounds(
      [report('rc-tianping-1', { kind: 'water-depth', depthCm: 20 }), pm],
      [report('rc-tianping-1', { kind: 'garage-flooded', depthCm: 20 }), pm],
    );
    expect(state.alerts['alert-1']).toMatchObject({ severity: 'orange', clearedAt: null });
    const clear = givenCompounds(
      [report('rc-tianping-1', { kind: 'power-cut' }), pm],
      [report('rc-tianping-1', { kind: 'all-clear' }), pm, T0 + 60_000],
    );
    expect(clear.alerts['alert-1']).toMatchObject({ severity: 'yellow', clearedAt: T0 + 60_000 });
  });

  it('refuses a compound account reporting for another compound, and other roles', () => {
    const state = givenCompounds();
    expect(
      decide(report('rc-huajing-1', { kind: 'power-cut' }), state, { now: T0, actor: pm }),
    ).toMatchObject({ ok: false, refusal: { code: 'NOT_YOUR_COMPOUND', path: 'compoundId' } });
    expect(
      decide(report('rc-huajing-1', { kind: 'power-cut' }), state, { now: T0, actor: duty }),
    ).toMatchObject({ ok: false, refusal: { code: 'NOT_ALLOWED_FOR_ROLE' } });
  });
});
