import { MATERIAL_TYPE_NAMES } from '../model/assets.js';
import type { DomainEvent, EventEnvelope } from '../model/events.js';
import type { Quantities } from '../areas/materials/state.js';

/** One squad's drive to one incident: from its assignment to its arrival on scene. */
export interface TravelTime {
  squadId: string;
  incidentId: string;
  assignedAt: number;
  onSceneAt: number | null;
  minutes: number | null;
}

/** Materials that did not come back from an incident, by type. */
export interface MaterialsUsed {
  incidentId: string;
  used: Quantities;
}

/** A check-in that lapsed: when the warning came, and whether it went critical. */
export interface CheckInMissed {
  squadId: string;
  alertId: string;
  raisedAt: number;
  critical: boolean;
}

export interface MovementReport {
  travel: TravelTime[];
  meanTravelMinutes: number | null;
  materialsUsed: MaterialsUsed[];
  checkInsMissed: CheckInMissed[];
}

type AnyEvent = DomainEvent | EventEnvelope;

/**
 * The after-action report's part on squads on the move, materials and check-ins, built in the
 * same single pass as the rest (`AfterActionBuilder` hands it every event).
 */
export class MovementReportBuilder {
  private readonly travel: TravelTime[] = [];
  private readonly driving = new Map<string, TravelTime>();
  private readonly requests = new Map<string, { incidentId: string; items: Quantities }>();
  private readonly used = new Map<string, Quantities>();
  private readonly missed = new Map<string, CheckInMissed>();

  add(event: AnyEvent): void {
    const at = Date.parse(event.at);
    switch (event.type) {
      case 'squad.assigned': {
        const trip: TravelTime = {
          squadId: event.data.squadId,
          incidentId: event.data.incidentId,
          assignedAt: at,
          onSceneAt: null,
          minutes: null,
        };
        this.travel.push(trip);
        this.driving.set(trip.squadId, trip);
        break;
      }
      case 'squad.statusChanged': {
        const trip = this.driving.get(event.data.squadId);
        if (!trip) break;
        if (event.data.status === 'on-scene') {
          trip.onSceneAt = at;
          trip.minutes = Math.round(((at - trip.assignedAt) / 60_000) * 10) / 10;
        }
        if (event.data.status !== 'en-route') this.driving.delete(event.data.squadId);
        break;
      }
      case 'materials.requested':
        this.requests.set(event.data.requestId, {
          incidentId: event.data.incidentId,
          items: event.data.items,
        });
        break;
      case 'materials.usedUp':
      case 'materials.returned': {
        const request = this.requests.get(event.data.requestId);
        if (!request) break;
        const returned: Quantities = event.type === 'materials.returned' ? event.data.items : {};
        const total = this.used.get(request.incidentId) ?? {};
        for (const type of MATERIAL_TYPE_NAMES) {
          const gone = (request.items[type] ?? 0) - (returned[type] ?? 0);
          if (gone > 0) total[type] = (total[type] ?? 0) + gone;
        }
        this.used.set(request.incidentId, total);
        break;
      }
      case 'alert.raised':
        if (event.data.kind === 'check-in')
          this.missed.set(event.data.alertId, {
            squadId: event.data.subjectId,
            alertId: event.data.alertId,
            raisedAt: at,
            critical: event.data.severity === 'red',
          });
        break;
      case 'alert.escalated': {
        const miss = this.missed.get(event.data.alertId);
        if (miss && event.data.severity === 'red') miss.critical = true;
        break;
      }
      default:
        break;
    }
  }

  report(): MovementReport {
    const arrived = this.travel.filter((trip) => trip.minutes !== null);
    const mean =
      arrived.length === 0
        ? null
        : Math.round(
            (arrived.reduce((sum, trip) => sum + trip.minutes!, 0) / arrived.length) * 10,
          ) / 10;
    return {
      travel: this.travel,
      meanTravelMinutes: mean,
      materialsUsed: [...this.used].map(([incidentId, used]) => ({ incidentId, used })),
      checkInsMissed: [...this.missed.values()],
    };
  }
}
