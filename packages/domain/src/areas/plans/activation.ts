import { officialSignalsIn } from '../warnings/in-force.js';
import { distanceKm } from '../../model/geo.js';
import type { DomainEvent } from '../../model/events.js';
import type { State } from '../../model/state.js';
import {
  RESPONSE_LEVELS,
  severityRank,
  type ResponseLevel,
  type Severity,
  type SignalKind,
} from '../../model/vocabulary.js';
import { toShanghaiIso } from '../../time.js';
import type { Assignee, Plan, TaskDef, Trigger } from './schema.js';
import { isOpenTask } from './state.js';

/** What plans are triggered by, as the picture will be once a command's events are folded. */
export interface TriggerInputs {
  level: ResponseLevel | null;
  signals: Record<SignalKind, Severity | null>;
  /** Signals issued by the weather bureau / hydrological service, where floodnet has them. */
  officialSignals: Partial<Record<SignalKind, Severity | null>>;
  tideM: number | null;
}

const MIN_MS = 60_000;

/** Higher is more severe: IV → 0 … I → 3; no level → -1. */
export function levelRank(level: ResponseLevel | null): number {
  return level === null ? -1 : RESPONSE_LEVELS.indexOf(level);
}

/** Tide stations among the water-level gauges: the Huangpu's level is what the riverside fears. */
function tideSensorIds(state: State): string[] {
  return Object.values(state.assets)
    .filter((asset) => asset.kind === 'water-level-gauge' && asset.tideStation)
    .map((asset) => asset.id);
}

/** Official signals in force, from the warnings area. */
function officialSignalsOf(state: State): TriggerInputs['officialSignals'] {
  return officialSignalsIn(state);
}

export function currentInputs(state: State): TriggerInputs {
  let tideM: number | null = null;
  for (const id of tideSensorIds(state)) {
    const value = state.sensors[id]?.lastValue ?? null;
    if (value !== null && (tideM === null || value > tideM)) tideM = value;
  }
  return {
    level: state.responseLevel,
    signals: { ...state.signals },
    officialSignals: { ...officialSignalsOf(state) },
    tideM,
  };
}

/** The inputs after `events` (not yet folded into `state`) have happened. */
export function inputsAfter(state: State, events: readonly DomainEvent[]): TriggerInputs {
  const inputs = currentInputs(state);
  const tides = new Set(tideSensorIds(state));
  for (const event of events) {
    if (event.type === 'responseLevel.changed') inputs.level = event.data.level;
    else if (event.type === 'signal.changed') inputs.signals[event.data.kind] = event.data.level;
    else if (event.type === 'reading.recorded' && tides.has(event.data.sensorId))
      inputs.tideM = Math.max(inputs.tideM ?? -Infinity, event.data.value);
  }
  return inputs;
}

function triggerReason(trigger: Trigger, inputs: TriggerInputs): string | null {
  if ('level' in trigger)
    return levelRank(inputs.level) >= levelRank(trigger.level) ? `level:${inputs.level}` : null;
  if ('signal' in trigger) {
    const signals = trigger.source === 'official' ? inputs.officialSignals : inputs.signals;
    const severity = signals[trigger.signal] ?? null;
    return severity !== null && severityRank(severity) >= severityRank(trigger.atLeast)
      ? `signal:${trigger.signal}:${severity} (${trigger.source})`
      : null;
  }
  return inputs.tideM !== null && inputs.tideM >= trigger.tideAtLeastM
    ? `tide:${inputs.tideM.toFixed(2)} m ≥ ${trigger.tideAtLeastM} m`
    : null;
}

/** Why a plan should be in force under these inputs, or null when it should not be. */
export function planReasons(plan: Plan, inputs: TriggerInputs): string[] | null {
  if (plan.kind === 'graded')
    return levelRank(inputs.level) >= levelRank(plan.level) ? [`level:${inputs.level}`] : null;
  const reasons = plan.triggers
    .map((trigger) => triggerReason(trigger, inputs))
    .filter((reason): reason is string => reason !== null);
  return reasons.length > 0 ? reasons : null;
}

/** The units a task goes to, in catalogue order. */
export function assigneesOf(state: State, assignee: Assignee): string[] {
  if ('unit' in assignee) return Object.hasOwn(state.assets, assignee.unit) ? [assignee.unit] : [];
  const ids: string[] = [];
  for (const asset of Object.values(state.assets)) {
    if (assignee.select === 'jiezhen-teams') {
      if (asset.kind !== 'subdistrict-team') continue;
      if (assignee.jiezhen && !assignee.jiezhen.includes(asset.jiezhen ?? '')) continue;
      ids.push(asset.id);
    } else if (asset.kind === 'specialist-squad' && assignee.specialties.includes(asset.specialty))
      ids.push(asset.id);
  }
  return ids;
}

interface SiteLike {
  id: string;
  kind: string;
  siteType?: string;
  jiezhen: string | null;
  lat: number;
  lng: number;
}

/** The hazard sites an inspection task covers for one assignee. */
function inspectionSites(state: State, plan: Plan, task: TaskDef, assigneeId: string): string[] {
  const inspect = task.inspect;
  if (!inspect) return [];
  if (inspect.siteIds) return inspect.siteIds.filter((id) => Object.hasOwn(state.assets, id));
  const assignee = state.assets[assigneeId];
  const ownJiezhen = assignee?.kind === 'subdistrict-team' ? assignee.jiezhen : null;
  const centre = task.place ?? (plan.kind === 'key-area' ? plan.centre : null);
  return (Object.values(state.assets) as SiteLike[])
    .filter(
      (site) =>
        site.kind === 'hazard-site' &&
        (!inspect.siteTypes || inspect.siteTypes.includes(site.siteType ?? '')) &&
        (ownJiezhen === null || site.jiezhen === ownJiezhen) &&
        (inspect.withinKm === undefined ||
          centre === null ||
          distanceKm(site, centre) <= inspect.withinKm),
    )
    .map((site) => site.id);
}

function activationEvents(
  state: State,
  plan: Plan,
  reasons: string[],
  inputs: TriggerInputs,
  now: number,
): DomainEvent[] {
  const at = toShanghaiIso(now);
  const activationId = `${plan.id}-${(state.activations[plan.id] ?? 0) + 1}`;
  const events: DomainEvent[] = [
    {
      type: 'plan.activated',
      at,
      data: { planId: plan.id, activationId, reasons, level: inputs.level },
    },
  ];
  for (const task of plan.tasks) {
    for (const assigneeId of assigneesOf(state, task.assignee)) {
      const siteIds = inspectionSites(state, plan, task, assigneeId);
      events.push({
        type: 'task.issued',
        at,
        data: {
          taskId: `${activationId}.${task.id}.${assigneeId}`,
          planId: plan.id,
          activationId,
          assigneeId,
          title: task.title,
          titleEn: task.titleEn,
          dueAt: toShanghaiIso(now + task.dueMinutes * MIN_MS),
          ...(task.place ? { place: task.place } : {}),
          ...(task.inspect ? { siteIds } : {}),
        },
      });
    }
  }
  return events;
}

/**
 * Brings the plans in force in line with the inputs: a plan whose trigger now holds and that is
 * not active is activated (its tasks issued once); an active plan whose trigger no longer holds
 * stands down with its open tasks. Idempotent: with nothing changed it returns nothing, which is
 * what makes activation happen once and only once per change.
 */
export function reconcilePlans(state: State, inputs: TriggerInputs, now: number): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const plan of state.plans.list) {
    const reasons = planReasons(plan, inputs);
    const active = state.activePlans[plan.id];
    if (reasons && !active) events.push(...activationEvents(state, plan, reasons, inputs, now));
    if (!reasons && active) {
      const taskIds = Object.values(state.tasks)
        .filter((task) => task.activationId === active.activationId && isOpenTask(task))
        .map((task) => task.id);
      for (const taskId of taskIds) {
        const alertId = state.openAlertBySubject[`task-overdue:${taskId}`];
        if (alertId)
          events.push({ type: 'alert.cleared', at: toShanghaiIso(now), data: { alertId } });
      }
      events.push({
        type: 'plan.stoodDown',
        at: toShanghaiIso(now),
        data: {
          planId: plan.id,
          activationId: active.activationId,
          reason: plan.kind === 'graded' ? `level:${inputs.level ?? 'none'}` : 'triggers ended',
          taskIds,
        },
      });
    }
  }
  return events;
}

const TRIGGERING = new Set(['responseLevel.changed', 'signal.changed', 'reading.recorded']);

/**
 * What plans do after a command's events: when they change a level, a signal or the tide, the
 * plans are reconciled with the picture those events leave. Called by `decide` for every command.
 */
export function planReactions(
  state: State,
  events: readonly DomainEvent[],
  now: number,
): DomainEvent[] {
  if (state.plans.list.length === 0) return [];
  if (!events.some((event) => TRIGGERING.has(event.type))) return [];
  return reconcilePlans(state, inputsAfter(state, events), now);
}

export interface PlanPreview {
  planId: string;
  name: string;
  nameEn: string;
  reasons: string[];
  tasks: { title: string; titleEn: string; assigneeIds: string[]; dueMinutes: number }[];
}

/** The plans a level would newly set off, and what they would issue: shown before confirming. */
export function previewLevel(state: State, level: ResponseLevel | null): PlanPreview[] {
  const inputs = { ...currentInputs(state), level };
  return state.plans.list.flatMap((plan) => {
    const reasons = planReasons(plan, inputs);
    if (!reasons || state.activePlans[plan.id]) return [];
    return [
      {
        planId: plan.id,
        name: plan.name,
        nameEn: plan.nameEn,
        reasons,
        tasks: plan.tasks.map((task) => ({
          title: task.title,
          titleEn: task.titleEn,
          assigneeIds: assigneesOf(state, task.assignee),
          dueMinutes: task.dueMinutes,
        })),
      },
    ];
  });
}
