import type { Asset, IncidentKind, IncidentState } from '@floodnet/domain';
import { unitHash } from './random';

/**
 * Work the command room starts on a schedule rather than on an alarm: inspections before the
 * storm (weak spots from DOMAIN.md: embankments and tide gates, drains at known waterlogging
 * points, underpass pump rooms), moving people to resettlement sites as the storm nears, and
 * trees blown down around its closest approach. Times and places are invented (see README).
 */
export interface PlannedTask {
  id: string;
  dueMs: number;
  kind: IncidentKind;
  pointId: string;
  description: string;
  /** How long the squad works on scene before the task is done. */
  workMinutes: number;
}

const MINUTE_MS = 60_000;

interface TaskPlan {
  purpose: string;
  kinds: Asset['kind'][];
  count: number;
  incident: IncidentKind;
  /** Minutes after the scenario start of the first task, and between tasks. */
  firstAfterMin: number;
  everyMin: number;
  workMin: { min: number; max: number };
  text: (name: string) => string;
  /** Prefer spots a public source names (DOMAIN.md's known trouble spots). */
  preferSourced?: boolean;
}

const PLANS: TaskPlan[] = [
  {
    purpose: 'embankment',
    kinds: ['tide-gate'],
    count: 2,
    incident: 'embankment',
    firstAfterMin: 5,
    everyMin: 25,
    workMin: { min: 60, max: 90 },
    text: (name) => `汛前巡查：${name}及滨江防汛墙`,
  },
  {
    purpose: 'drains',
    kinds: ['waterlogging-point'],
    count: 3,
    incident: 'other',
    firstAfterMin: 12,
    everyMin: 18,
    workMin: { min: 45, max: 90 },
    text: (name) => `汛前清疏：${name}雨水口清捞`,
    preferSourced: true,
  },
  {
    purpose: 'underpass-pumps',
    kinds: ['underpass'],
    count: 1,
    incident: 'underground-space',
    firstAfterMin: 40,
    everyMin: 30,
    workMin: { min: 45, max: 75 },
    text: (name) => `汛前检查：${name}泵房及排水设施`,
  },
  {
    // The typhoon signal turns orange early on the 25th: people leave construction sites.
    purpose: 'evacuation',
    kinds: ['resettlement-site'],
    count: 3,
    incident: 'evacuation',
    firstAfterMin: 46 * 60 + 10,
    everyMin: 35,
    workMin: { min: 120, max: 180 },
    text: (name) => `人员转移：在建工地人员转移至${name}`,
  },
  {
    // Gusts near the closest approach on the 26th bring trees down across roads.
    purpose: 'trees',
    kinds: ['waterlogging-point'],
    count: 3,
    incident: 'tree-down',
    firstAfterMin: 64 * 60 + 20,
    everyMin: 95,
    workMin: { min: 40, max: 80 },
    text: (name) => `${name}行道树倒伏，阻断车道`,
  },
];

/** The schedule for a catalogue; the same seed and catalogue always give the same tasks. */
export function plannedTasks(
  assets: readonly Asset[],
  startMs: number,
  seed: number,
): PlannedTask[] {
  const tasks: PlannedTask[] = [];
  for (const plan of PLANS) {
    const rank = (asset: Asset) =>
      (plan.preferSourced && asset.provenance.kind === 'sourced' ? 0 : 1) +
      unitHash(seed, `task:${plan.purpose}:${asset.id}`);
    const chosen = assets
      .filter((asset) => plan.kinds.includes(asset.kind))
      .sort((a, b) => rank(a) - rank(b))
      .slice(0, plan.count);
    chosen.forEach((asset, index) => {
      const { min, max } = plan.workMin;
      tasks.push({
        id: `${plan.purpose}-${index + 1}`,
        dueMs: startMs + (plan.firstAfterMin + index * plan.everyMin) * MINUTE_MS,
        kind: plan.incident,
        pointId: asset.id,
        description: plan.text(asset.name),
        workMinutes: Math.round(
          min + (max - min) * unitHash(seed, `work:${plan.purpose}:${asset.id}`),
        ),
      });
    });
  }
  return tasks.sort((a, b) => a.dueMs - b.dueMs || a.id.localeCompare(b.id));
}

/** The planned task an incident carries out, if it is one. */
export function taskOf(incident: IncidentState, tasks: readonly PlannedTask[]): PlannedTask | null {
  return (
    tasks.find(
      (task) =>
        task.pointId === incident.pointId &&
        task.kind === incident.kind &&
        incident.reportedAt >= task.dueMs,
    ) ?? null
  );
}
