import { describe, expect, it } from 'vitest';
import { duty, given, gauge, reading, T0 } from './testing/given.js';
import { refusalOf } from './testing/refusals.js';
import { assign, report } from './testing/commands.js';
import type { Command } from './model/commands.js';

describe('ids that name Object.prototype members', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'treats %s as unknown, never as an entity',
    (id) => {
      const state = given([report, duty]);
      expect(refusalOf(assign(id), state).code).toBe('UNKNOWN_SQUAD');
      expect(refusalOf(assign('squad-pump-truck', id), state).code).toBe('UNKNOWN_INCIDENT');
      expect(refusalOf({ type: 'resolveIncident', incidentId: id }, state).code).toBe(
        'UNKNOWN_INCIDENT',
      );
      expect(refusalOf({ type: 'acknowledgeAlert', alertId: id }, state, duty).code).toBe(
        'UNKNOWN_ALERT',
      );
      expect(
        refusalOf({ type: 'changeSquadStatus', squadId: id, status: 'standby' }, state, duty).code,
      ).toBe('UNKNOWN_SQUAD');
      expect(
        refusalOf({ type: 'recordReadings', readings: [reading(id, 1, T0)] }, state, gauge).code,
      ).toBe('UNKNOWN_SENSOR');
      expect(refusalOf({ ...report, pointId: id } as Command, state, duty).code).toBe(
        'UNKNOWN_POINT',
      );
    },
  );
});
