import type { DomainEvent, EventEnvelope } from '../model/events.js';
import type { AlertKind, IncidentKind, Severity } from '../model/vocabulary.js';
import { severityRank } from '../model/vocabulary.js';
import { ForecastVerificationBuilder, type ForecastVerification } from './forecasts.js';

const HOUR_MS = 3600_000;
const MIN_MS = 60_000;

export interface IncidentTimes {
  id: string;
  kind: IncidentKind;
  pointId: string | null;
  reportedAt: number;
  assignedAt: number | null;
  onSceneAt: number | null;
  resolvedAt: number | null;
  /** Minutes from report to first assignment, if assigned. */
  minutesToAssign: number | null;
}

export interface AlarmTimes {
  id: string;
  kind: AlertKind;
  subjectId: string;
  severity: Severity;
  raisedAt: number;
  acknowledgedAt: number | null;
  minutesToAcknowledge: number | null;
}

export interface HourUtilisation {
  hourStart: number;
  /** Unit-hours spent away from standby (assigned, en route, on scene, returning). */
  busyUnitHours: number;
  /** Share of all units busy over the hour, 0–1. */
  share: number;
}

export interface ReportSummary {
  incidents: number;
  meanMinutesToAssign: number | null;
  worstMinutesToAssign: number | null;
  openAtEnd: number;
  alarms: number;
  meanMinutesToAcknowledge: number | null;
  unacknowledgedAtEnd: number;
  deepestWaterloggingCm: number;
  deepestAt: string | null;
}

export interface AfterActionReport {
  stream: string;
  from: number | null;
  to: number | null;
  incidents: IncidentTimes[];
  alarms: AlarmTimes[];
  utilisation: HourUtilisation[];
  summary: ReportSummary;
  /** Forecast crossings against the observed ones (report/forecasts.ts). */
  forecasts: ForecastVerification[];
}

type AnyEvent = DomainEvent | EventEnvelope;

/**
 * Builds the after-action report of a stream in one pass over its events, so a million-event log
 * never has to sit in memory. Feed events in order with `add`, then call `report`.
 */
export class AfterActionBuilder {
  private readonly incidents = new Map<string, IncidentTimes>();
  private readonly alarms = new Map<string, AlarmTimes>();
  private readonly depthSensors = new Set<string>();
  private readonly unitCount = { value: 0 };
  /** Per unit: since when it has been busy (null when free). */
  private readonly busySince = new Map<string, number | null>();
  private readonly busyByHour = new Map<number, number>();
  private readonly unitIncident = new Map<string, string>();
  private from: number | null = null;
  private to: number | null = null;
  private deepest = { cm: 0, at: null as string | null };
  private readonly forecasts = new ForecastVerificationBuilder();

  constructor(private readonly stream: string) {}

  add(event: AnyEvent): void {
    const at = Date.parse(event.at);
    if (this.from === null || at < this.from) this.from = at;
    if (this.to === null || at > this.to) this.to = at;
    this.forecasts.add(event);
    switch (event.type) {
      case 'assets.registered':
        for (const asset of event.data.assets) {
          if (asset.kind === 'waterlogging-point' || asset.kind === 'underpass')
            this.depthSensors.add(asset.id);
          if (asset.kind === 'subdistrict-team' || asset.kind === 'specialist-squad') {
            this.unitCount.value += 1;
            this.busySince.set(asset.id, null);
          }
        }
        break;
      case 'reading.recorded':
        if (this.depthSensors.has(event.data.sensorId) && event.data.value > this.deepest.cm) {
          this.deepest = { cm: event.data.value, at: `${event.data.sensorId}@${event.at}` };
        }
        break;
      case 'incident.reported':
        this.incidents.set(event.data.incidentId, {
          id: event.data.incidentId,
          kind: event.data.kind,
          pointId: event.data.pointId,
          reportedAt: at,
          assignedAt: null,
          onSceneAt: null,
          resolvedAt: null,
          minutesToAssign: null,
        });
        break;
      case 'squad.assigned': {
        const incident = this.incidents.get(event.data.incidentId);
        if (incident && incident.assignedAt === null) {
          incident.assignedAt = at;
          incident.minutesToAssign = (at - incident.reportedAt) / MIN_MS;
        }
        this.markBusy(event.data.squadId, at, true);
        this.unitIncident.set(event.data.squadId, event.data.incidentId);
        break;
      }
      case 'squad.statusChanged': {
        const { squadId, status } = event.data;
        if (status === 'on-scene') {
          const incident = this.incidents.get(this.unitIncident.get(squadId) ?? '');
          if (incident && incident.onSceneAt === null) incident.onSceneAt = at;
        }
        this.markBusy(squadId, at, status !== 'standby' && status !== 'unavailable');
        break;
      }
      case 'incident.resolved': {
        const incident = this.incidents.get(event.data.incidentId);
        if (incident) incident.resolvedAt = at;
        break;
      }
      case 'alert.raised':
        this.alarms.set(event.data.alertId, {
          id: event.data.alertId,
          kind: event.data.kind,
          subjectId: event.data.subjectId,
          severity: event.data.severity,
          raisedAt: at,
          acknowledgedAt: null,
          minutesToAcknowledge: null,
        });
        break;
      case 'alert.escalated': {
        const alarm = this.alarms.get(event.data.alertId);
        if (alarm && severityRank(event.data.severity) > severityRank(alarm.severity)) {
          alarm.severity = event.data.severity;
        }
        break;
      }
      case 'alert.acknowledged': {
        const alarm = this.alarms.get(event.data.alertId);
        if (alarm && alarm.acknowledgedAt === null) {
          alarm.acknowledgedAt = at;
          alarm.minutesToAcknowledge = (at - alarm.raisedAt) / MIN_MS;
        }
        break;
      }
      default:
        break;
    }
  }

  private markBusy(unitId: string, at: number, busy: boolean): void {
    const since = this.busySince.get(unitId) ?? null;
    if (busy && since === null) this.busySince.set(unitId, at);
    if (!busy && since !== null) {
      this.addBusy(since, at);
      this.busySince.set(unitId, null);
    }
  }

  /** Spreads a busy interval over the hours it covers. */
  private addBusy(from: number, to: number): void {
    for (let hour = Math.floor(from / HOUR_MS) * HOUR_MS; hour < to; hour += HOUR_MS) {
      const overlap = Math.min(to, hour + HOUR_MS) - Math.max(from, hour);
      if (overlap > 0)
        this.busyByHour.set(hour, (this.busyByHour.get(hour) ?? 0) + overlap / HOUR_MS);
    }
  }

  report(): AfterActionReport {
    const end = this.to ?? 0;
    const busy = new Map(this.busyByHour);
    const addOpen = (from: number) => {
      for (let hour = Math.floor(from / HOUR_MS) * HOUR_MS; hour < end; hour += HOUR_MS) {
        const overlap = Math.min(end, hour + HOUR_MS) - Math.max(from, hour);
        if (overlap > 0) busy.set(hour, (busy.get(hour) ?? 0) + overlap / HOUR_MS);
      }
    };
    for (const since of this.busySince.values()) if (since !== null) addOpen(since);
    const utilisation: HourUtilisation[] = [];
    if (this.from !== null) {
      for (let hour = Math.floor(this.from / HOUR_MS) * HOUR_MS; hour <= end; hour += HOUR_MS) {
        const busyUnitHours = round(busy.get(hour) ?? 0, 2);
        utilisation.push({
          hourStart: hour,
          busyUnitHours,
          share: this.unitCount.value ? round(busyUnitHours / this.unitCount.value, 3) : 0,
        });
      }
    }
    const incidents = [...this.incidents.values()];
    const alarms = [...this.alarms.values()];
    const toAssign = incidents.flatMap((i) =>
      i.minutesToAssign === null ? [] : [i.minutesToAssign],
    );
    const toAck = alarms.flatMap((a) =>
      a.minutesToAcknowledge === null ? [] : [a.minutesToAcknowledge],
    );
    return {
      stream: this.stream,
      from: this.from,
      to: this.to,
      incidents,
      alarms,
      utilisation,
      forecasts: this.forecasts.report(),
      summary: {
        incidents: incidents.length,
        meanMinutesToAssign: mean(toAssign),
        worstMinutesToAssign: toAssign.length ? round(Math.max(...toAssign), 1) : null,
        openAtEnd: incidents.filter((i) => i.resolvedAt === null).length,
        alarms: alarms.length,
        meanMinutesToAcknowledge: mean(toAck),
        unacknowledgedAtEnd: alarms.filter((a) => a.acknowledgedAt === null).length,
        deepestWaterloggingCm: this.deepest.cm,
        deepestAt: this.deepest.at,
      },
    };
  }
}

/** The report of a whole sequence of events. */
export function afterActionReport(stream: string, events: Iterable<AnyEvent>): AfterActionReport {
  const builder = new AfterActionBuilder(stream);
  for (const event of events) builder.add(event);
  return builder.report();
}

export interface ReportComparison {
  metric: keyof ReportSummary;
  original: number | string | null;
  fork: number | string | null;
}

/** A fork beside its original: the figures a trainer compares. */
export function compareReports(
  original: AfterActionReport,
  fork: AfterActionReport,
): ReportComparison[] {
  const metrics: (keyof ReportSummary)[] = [
    'incidents',
    'meanMinutesToAssign',
    'worstMinutesToAssign',
    'openAtEnd',
    'alarms',
    'meanMinutesToAcknowledge',
    'unacknowledgedAtEnd',
    'deepestWaterloggingCm',
  ];
  return metrics.map((metric) => ({
    metric,
    original: original.summary[metric],
    fork: fork.summary[metric],
  }));
}

function mean(values: number[]): number | null {
  return values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, 1) : null;
}
function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
