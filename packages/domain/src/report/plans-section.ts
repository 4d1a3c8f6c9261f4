import type { DomainEvent, EventEnvelope } from '../model/events.js';
import { toShanghaiIso } from '../time.js';

/** Per unit: its plan tasks done by the deadline, done late, and never done. */
export interface UnitTaskRecord {
  unitId: string;
  issued: number;
  onTime: number;
  late: number;
  neverDone: number;
}

export interface FindingRecord {
  taskId: string;
  siteId: string | null;
  result: 'fine' | 'hazard';
  note: string | null;
  at: number;
}

/** The after-action report's part on plans, inspections and evacuation. */
export interface PlanSection {
  plansActivated: number;
  units: UnitTaskRecord[];
  findings: FindingRecord[];
  hazardsFound: number;
  /** Hazards a later inspection found fine. */
  hazardsFixed: number;
  people: {
    moved: number;
    returned: number;
    byDay: Record<string, number>;
    byJiezhen: Record<string, number>;
  };
}

type AnyEvent = DomainEvent | EventEnvelope;

/** Built in the same single pass as the rest of the after-action report. */
export class PlanSectionBuilder {
  private readonly tasks = new Map<
    string,
    { unitId: string; dueAt: number; doneAt: number | null; sites: string[] }
  >();
  private readonly findings: FindingRecord[] = [];
  private readonly openHazards = new Set<string>();
  private readonly moved = new Map<string, number>();
  private activated = 0;
  private hazardsFound = 0;
  private hazardsFixed = 0;
  private readonly people = {
    moved: 0,
    returned: 0,
    byDay: {} as Record<string, number>,
    byJiezhen: {} as Record<string, number>,
  };

  add(event: AnyEvent, at: number): void {
    switch (event.type) {
      case 'plan.activated':
        this.activated += 1;
        break;
      case 'task.issued':
        this.tasks.set(event.data.taskId, {
          unitId: event.data.assigneeId,
          dueAt: Date.parse(event.data.dueAt),
          doneAt: null,
          sites: event.data.siteIds ?? [],
        });
        break;
      case 'task.completed': {
        const task = this.tasks.get(event.data.taskId);
        if (task && task.doneAt === null) task.doneAt = at;
        const finding = event.data.finding;
        if (!finding) break;
        this.findings.push({
          taskId: event.data.taskId,
          siteId: finding.siteId ?? null,
          result: finding.result,
          note: finding.note ?? null,
          at,
        });
        for (const site of finding.siteId !== undefined ? [finding.siteId] : (task?.sites ?? [])) {
          if (finding.result === 'hazard') {
            if (!this.openHazards.has(site)) this.hazardsFound += 1;
            this.openHazards.add(site);
          } else if (this.openHazards.delete(site)) this.hazardsFixed += 1;
        }
        break;
      }
      case 'evacuation.recorded': {
        const { people, jiezhen, evacuationId } = event.data;
        this.moved.set(evacuationId, people);
        this.people.moved += people;
        const day = toShanghaiIso(at).slice(0, 10);
        this.people.byDay[day] = (this.people.byDay[day] ?? 0) + people;
        const key = jiezhen ?? 'none';
        this.people.byJiezhen[key] = (this.people.byJiezhen[key] ?? 0) + people;
        break;
      }
      case 'evacuation.returned':
        this.people.returned += this.moved.get(event.data.evacuationId) ?? 0;
        break;
      default:
        break;
    }
  }

  report(): PlanSection {
    const units = new Map<string, UnitTaskRecord>();
    for (const task of this.tasks.values()) {
      const unit = units.get(task.unitId) ?? {
        unitId: task.unitId,
        issued: 0,
        onTime: 0,
        late: 0,
        neverDone: 0,
      };
      unit.issued += 1;
      if (task.doneAt === null) unit.neverDone += 1;
      else if (task.doneAt <= task.dueAt) unit.onTime += 1;
      else unit.late += 1;
      units.set(task.unitId, unit);
    }
    return {
      plansActivated: this.activated,
      units: [...units.values()].sort(
        (a, b) => b.late + b.neverDone - (a.late + a.neverDone) || a.unitId.localeCompare(b.unitId),
      ),
      findings: this.findings,
      hazardsFound: this.hazardsFound,
      hazardsFixed: this.hazardsFixed,
      people: this.people,
    };
  }
}
