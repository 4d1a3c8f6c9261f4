import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../model/events.js';
import { afterActionReport } from './after-action.js';

const by = { name: 'zhang', role: 'commander' } as const;
const at = (minute: number) => `2021-07-25T12:${String(minute).padStart(2, '0')}:00+08:00`;

describe('after-action report: travel, materials, check-ins', () => {
  it('given a squad assigned at 12:00 and on scene at 12:14, 200 sandbags sent and 150 back, and a lapsed check-in, then the report says so', () => {
    const events: DomainEvent[] = [
      { type: 'squad.assigned', at: at(0), data: { squadId: 'sq', incidentId: 'inc-1', by } },
      { type: 'squad.statusChanged', at: at(2), data: { squadId: 'sq', status: 'en-route', by } },
      { type: 'squad.statusChanged', at: at(14), data: { squadId: 'sq', status: 'on-scene', by } },
      {
        type: 'materials.requested',
        at: at(1),
        data: {
          requestId: 'mat-1',
          incidentId: 'inc-1',
          fromId: 'wh',
          items: { sandbags: 200 },
          vehicleId: null,
          by,
        },
      },
      {
        type: 'materials.returned',
        at: at(50),
        data: { requestId: 'mat-1', items: { sandbags: 150 }, by },
      },
      {
        type: 'alert.raised',
        at: at(44),
        data: {
          alertId: 'alert-1',
          kind: 'check-in',
          severity: 'yellow',
          subjectId: 'sq',
          value: 30,
          threshold: 30,
        },
      },
      {
        type: 'alert.escalated',
        at: at(59),
        data: { alertId: 'alert-1', severity: 'red', value: 45, threshold: 30 },
      },
    ];
    const { movement } = afterActionReport('live', events);
    expect(movement.travel).toMatchObject([{ squadId: 'sq', incidentId: 'inc-1', minutes: 14 }]);
    expect(movement.meanTravelMinutes).toBe(14);
    expect(movement.materialsUsed).toEqual([{ incidentId: 'inc-1', used: { sandbags: 50 } }]);
    expect(movement.checkInsMissed).toMatchObject([{ squadId: 'sq', critical: true }]);
  });
});
