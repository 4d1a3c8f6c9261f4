import { describe, expect, it } from 'vitest';
import { duty, given, gauge, reading, T0, viewer } from '../../testing/given.js';
import { eventsOf, refusalOf } from '../../testing/refusals.js';
import type { Command } from '../../model/commands.js';

describe('acknowledgeAlert', () => {
  const flooded = (): Command => ({
    type: 'recordReadings',
    readings: [reading('wl-yongfu-road', 22, T0)],
  });
  it('acknowledges an open alert once', () => {
    const state = given([flooded(), gauge]);
    expect(eventsOf({ type: 'acknowledgeAlert', alertId: 'alert-1' }, state, duty)).toMatchObject([
      { type: 'alert.acknowledged', data: { alertId: 'alert-1', by: { name: 'li' } } },
    ]);
    const acked = given(
      [flooded(), gauge],
      [{ type: 'acknowledgeAlert', alertId: 'alert-1' }, duty],
    );
    expect(refusalOf({ type: 'acknowledgeAlert', alertId: 'alert-1' }, acked, duty).code).toBe(
      'ALERT_ALREADY_ACKNOWLEDGED',
    );
  });
  it('refuses an unknown alert and a viewer', () => {
    expect(refusalOf({ type: 'acknowledgeAlert', alertId: 'alert-9' }, given(), duty).code).toBe(
      'UNKNOWN_ALERT',
    );
    const state = given([flooded(), gauge]);
    expect(refusalOf({ type: 'acknowledgeAlert', alertId: 'alert-1' }, state, viewer).code).toBe(
      'NOT_ALLOWED_FOR_ROLE',
    );
  });
});
