import { describe, expect, it } from 'vitest';
import type { CapAlert } from '../../model/commands.js';
import type { Command } from '../../model/commands.js';
import { decide } from '../../decide.js';
import { foldOrThrow, gauge, given, system, T0, viewer } from '../../testing/given.js';
import { eventsOf, refusalOf } from '../../testing/refusals.js';
import { toShanghaiIso } from '../../time.js';

const HOUR = 3600_000;
const iso = (ms: number) => toShanghaiIso(ms);

/** The blue high-tide warning of 23 Jul 2021 10:00 (DOMAIN.md), shifted to the test clock. */
function blueHighTide(overrides: Partial<CapAlert> = {}): CapAlert {
  return {
    identifier: 'sh-tide-001',
    sender: 'shfxxx@sh.gov.cn',
    sent: iso(T0),
    status: 'Actual',
    msgType: 'Alert',
    info: {
      event: '高潮位蓝色预警',
      severity: 'Minor',
      onset: iso(T0 + 14 * HOUR),
      expires: iso(T0 + 72 * HOUR),
      headline: '上海市防汛信息中心发布高潮位蓝色预警',
      description: '24—26日子潮黄浦公园站潮位将超警戒水位。',
      area: { areaDesc: '黄浦江沿线' },
    },
    ...overrides,
  };
}

const receive = (alert: CapAlert): Command => ({ type: 'receiveWarning', alert });

function update(level: string, identifier: string, references: string): CapAlert {
  const base = blueHighTide();
  return {
    ...base,
    identifier,
    msgType: 'Update',
    references,
    info: { ...base.info!, event: `高潮位${level}预警`, headline: `高潮位${level}预警` },
  };
}

describe('receiveWarning', () => {
  it('given no warning, when the blue high-tide CAP Alert arrives, then it is in force and Level IV is suggested', () => {
    const events = eventsOf(receive(blueHighTide()), given(), gauge);
    expect(events.map((e) => e.type)).toEqual(['warning.issued', 'responseLevel.suggested']);
    expect(events[0]).toMatchObject({ data: { kind: 'high-tide', level: 'blue' } });
    expect(events[1]).toMatchObject({
      data: { level: 'IV', reasons: ['official:high-tide:blue'] },
    });
  });

  it('given an Alert, when an Update then a Cancel refer to it, then the warning turns yellow and then ends', () => {
    const ref = (id: string) => `shfxxx@sh.gov.cn,${id},${iso(T0)}`;
    const state = given(
      [receive(blueHighTide()), gauge],
      [receive(update('黄色', 'sh-tide-002', ref('sh-tide-001'))), gauge],
    );
    expect(state.warnings['sh-tide-001']).toMatchObject({ level: 'yellow', inForce: true });
    expect(state.suggestedLevel).toBe('III');
    // An update of the update still finds the warning.
    const cancel: CapAlert = {
      ...blueHighTide(),
      identifier: 'sh-tide-003',
      msgType: 'Cancel',
      references: ref('sh-tide-002'),
    };
    const events = eventsOf(receive(cancel), state, gauge);
    expect(events[0]).toMatchObject({
      type: 'warning.cancelled',
      data: { warningId: 'sh-tide-001', reason: 'cancelled' },
    });
    expect(events[1]).toMatchObject({ type: 'responseLevel.suggested', data: { level: null } });
  });

  it('given a warning in force, when the same message comes again, then nothing is stored twice', () => {
    const state = given([receive(blueHighTide()), gauge]);
    expect(eventsOf(receive(blueHighTide()), state, gauge)).toEqual([]);
  });

  it('given a warning, when its expires passes on the clock, then checkWarnings ends it and the suggestion falls back', () => {
    const state = given([receive(blueHighTide()), gauge]);
    const before = decide({ type: 'checkWarnings' }, state, { now: T0 + 71 * HOUR, actor: system });
    expect(before).toEqual({ ok: true, events: [] });
    const after = decide({ type: 'checkWarnings' }, state, { now: T0 + 72 * HOUR, actor: system });
    const events = foldOrThrow(state, after);
    expect(events[0]).toMatchObject({ type: 'warning.cancelled', data: { reason: 'expired' } });
    expect(state.warnings['sh-tide-001']!.inForce).toBe(false);
    expect(state.suggestedLevel).toBeNull();
  });

  it('given official and local signals, then the official warning sets the suggested level', () => {
    const state = given([receive(blueHighTide()), gauge]);
    state.signals.rainstorm = 'red'; // a local estimate, from floodnet's own gauges
    const typhoon: CapAlert = {
      ...blueHighTide({ identifier: 'sh-typhoon-1' }),
      info: { ...blueHighTide().info!, event: '台风黄色预警', headline: '台风黄色预警' },
    };
    const events = eventsOf(receive(typhoon), state, gauge);
    expect(events.at(-1)).toMatchObject({
      type: 'responseLevel.suggested',
      data: {
        level: 'III',
        reasons: ['official:typhoon:yellow', 'official:high-tide:blue', 'rainstorm:red'],
      },
    });
  });

  it('reads the colour from CAP severity when the event names none, and the city flood-control warning', () => {
    const alert = blueHighTide({ identifier: 'sh-fx-1' });
    alert.info = {
      ...alert.info!,
      event: '防汛防台应急响应',
      headline: '市防汛指挥部启动响应',
      severity: 'Severe',
    };
    expect(eventsOf(receive(alert), given(), gauge)[0]).toMatchObject({
      data: { kind: 'flood-control', level: 'orange' },
    });
  });

  it('refuses, naming the element at fault', () => {
    const unknownEvent = blueHighTide();
    unknownEvent.info = { ...unknownEvent.info!, event: '大雾预警', headline: '大雾' };
    expect(refusalOf(receive(unknownEvent), given(), gauge)).toMatchObject({
      code: 'WARNING_EVENT_UNSUPPORTED',
      path: 'alert.info.event',
    });
    const expired = blueHighTide();
    expired.info = { ...expired.info!, expires: iso(T0 - HOUR) };
    expect(refusalOf(receive(expired), given(), gauge)).toMatchObject({
      code: 'WARNING_EXPIRED',
      path: 'alert.info.expires',
    });
    expect(
      refusalOf(receive(update('黄色', 'x-2', 'a,nothing-here,b')), given(), gauge),
    ).toMatchObject({ code: 'UNKNOWN_WARNING_REFERENCE', path: 'alert.references' });
    expect(refusalOf(receive(blueHighTide({ status: 'Test' })), given(), gauge).code).toBe(
      'WARNING_NOT_ACTUAL',
    );
    expect(refusalOf(receive(blueHighTide()), given(), viewer).code).toBe('NOT_ALLOWED_FOR_ROLE');
  });
});
