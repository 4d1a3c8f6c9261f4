import type { DomainEvent, EventEnvelope } from '../model/events.js';
import type { AlertKind, IncidentKind, Severity } from '../model/vocabulary.js';
import { severityRank } from '../model/vocabulary.js';
import { PlanSectionBuilder, type PlanSection } from './plans-section.js';
import { MovementReportBuilder, type MovementReport } from './movement-report.js';
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
  /** Plan tasks per unit, inspection findings, people moved. */
  plans: PlanSection;
  /** Travel times, materials used and check-ins missed (issue 12). */
  movement: MovementReport;
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
  /** Busy spells already over, [from, to) in epoch ms: at most one per event. */
  private readonly busySpells: [number, number][] = [];
  /** The hours that hold at least one event: the report lists these, never the gaps between. */
  private readonly eventHours = new Set<number>();
  private readonly unitIncident = new Map<string, string>();
  private from: number | null = null;
  private to: number | null = null;
  private deepest = { cm: 0, at: null as string | null };
  private readonly plans = new PlanSectionBuilder();

  private readonly movement = new MovementReportBuilder();
  private readonly forecasts = new ForecastVerificationBuilder();

  constructor(private readonly stream: string) {}

  add(event: AnyEvent): void {
    this.movement.add(event);
    const at = Date.parse(event.at);
    if (this.from === null || at < this.from) this.from = at;
    if (this.to === null || at > this.to) this.to = at;
    this.eventHours.add(hourOf(at));
    this.plans.add(event, at);
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
      this.busySpells.push([since, at]);
      this.busySince.set(unitId, null);
    }
  }

  report(): AfterActionReport {
    const end = this.to ?? 0;
    const spells = [...this.busySpells];
    for (const since of this.busySince.values()) if (since !== null) spells.push([since, end]);
    const hours = [...this.eventHours].sort((x, y) => x - y);
    const busy = busyUnitHoursIn(hours, spells);
    const utilisation: HourUtilisation[] = hours.map((hourStart, i) => {
      const busyUnitHours = round(busy[i]!, 2);
      return {
        hourStart,
        busyUnitHours,
        share: this.unitCount.value ? round(busyUnitHours / this.unitCount.value, 3) : 0,
      };
    });
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
      plans: this.plans.report(),
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
      movement: this.movement.report(),
    };
  }
}

const hourOf = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** The first index of sorted `hours` whose value is above (or, `orEqual`, at least) `value`. */
function firstIndex(hours: number[], value: number, orEqual: boolean): number {
  let lo = 0;
  let hi = hours.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (orEqual ? hours[mid]! < value : hours[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Unit-hours busy in each of the sorted `hours`, from busy spells [from, to). Costs
 * O((hours + spells) · log hours) — whatever time the spells span, so a reading dated year 1
 * next to one from 2021 costs no more than any two readings.
 */
function busyUnitHoursIn(hours: number[], spells: [number, number][]): number[] {
  const partial = new Array<number>(hours.length).fill(0);
  const fullDiff = new Array<number>(hours.length + 1).fill(0);
  const index = new Map(hours.map((hour, i) => [hour, i]));
  const addPart = (hour: number, ms: number) => {
    const i = index.get(hour);
    if (i !== undefined) partial[i]! += ms / HOUR_MS;
  };
  for (const [from, to] of spells) {
    if (to <= from) continue;
    const first = hourOf(from);
    const last = hourOf(to - 1);
    if (first === last) {
      addPart(first, to - from);
      continue;
    }
    addPart(first, first + HOUR_MS - from);
    addPart(last, to - last);
    // Hours strictly between the first and the last are busy whole.
    fullDiff[firstIndex(hours, first, false)]! += 1;
    fullDiff[firstIndex(hours, last, true)]! -= 1;
  }
  let whole = 0;
  return hours.map((_, i) => {
    whole += fullDiff[i]!;
    return partial[i]! + whole;
  });
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
