import { describe, expect, it } from 'vitest';
import { initialState } from '../../model/state.js';
import type { WarningState } from './state.js';
import { officialSignalsIn } from './in-force.js';

function warning(
  id: string,
  kind: WarningState['kind'],
  level: WarningState['level'],
  inForce = true,
) {
  return {
    id,
    kind,
    level,
    sender: '上海中心气象台',
    event: `${kind} ${level}`,
    headline: '',
    description: '',
    areaDesc: '徐汇区',
    sentAt: 0,
    onsetAt: 0,
    expiresAt: 1,
    identifiers: [id],
    inForce,
    endedAt: inForce ? null : 1,
    endReason: inForce ? null : 'cancelled',
  } satisfies WarningState;
}

describe('official signals in force', () => {
  it('given warnings of several kinds, then each signal is the highest colour still in force', () => {
    const state = initialState();
    state.warnings = {
      a: warning('a', 'high-tide', 'blue'),
      b: warning('b', 'high-tide', 'yellow'),
      c: warning('c', 'rainstorm', 'red', false),
      d: warning('d', 'typhoon', 'orange'),
      e: warning('e', 'flood-control', 'red'),
    };
    expect(officialSignalsIn(state)).toEqual({ tide: 'yellow', typhoon: 'orange' });
  });
});
