import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { RESPONSE_LEVELS } from '../../model/vocabulary.js';
import {
  GradedPlanSchema,
  KeyAreaPlanSchema,
  PlansFileSchema,
  type Plan,
  type PlansFile,
} from './schema.js';

export type PlansCheck =
  { ok: true; file: PlansFile } | { ok: false; path: string; message: string };

/** What the plans may refer to: ids of the catalogue's units, hazard sites and key areas. */
export interface PlanReferences {
  unitIds?: ReadonlySet<string>;
  siteIds?: ReadonlySet<string>;
}

function firstError(schema: TSchema, value: unknown, at: string): PlansCheck | null {
  const error = Value.Errors(schema, value).First();
  if (!error) return null;
  return { ok: false, path: `${at}${error.path}`, message: error.message };
}

function fail(path: string, message: string): PlansCheck {
  return { ok: false, path, message };
}

/**
 * Checks a plans file and names the first place at fault as a JSON pointer
 * (`/plans/2/tasks/0/dueMinutes`). A plan is checked against the schema of its own kind, so a
 * mistake inside one is reported where it is, not as "matches no plan kind".
 */
export function checkPlansFile(json: unknown, refs: PlanReferences = {}): PlansCheck {
  const plans = (json as { plans?: unknown } | null)?.plans;
  if (Array.isArray(plans)) {
    for (const [index, plan] of plans.entries()) {
      const kind = (plan as { kind?: unknown } | null)?.kind;
      const schema =
        kind === 'graded' ? GradedPlanSchema : kind === 'key-area' ? KeyAreaPlanSchema : null;
      if (!schema) return fail(`/plans/${index}/kind`, 'Expected "graded" or "key-area"');
      const error = firstError(schema, plan, `/plans/${index}`);
      if (error) return error;
    }
  }
  const error = firstError(PlansFileSchema, json, '');
  if (error) return error;
  const file = json as PlansFile;
  return checkMeaning(file, refs) ?? { ok: true, file };
}

/** What the schema cannot say: unique ids, one graded part per level, references that exist. */
function checkMeaning(file: PlansFile, refs: PlanReferences): PlansCheck | null {
  const planIds = new Set<string>();
  const levels = new Set<string>();
  for (const [p, plan] of file.plans.entries()) {
    if (planIds.has(plan.id)) return fail(`/plans/${p}/id`, `Plan id "${plan.id}" is repeated`);
    planIds.add(plan.id);
    if (plan.kind === 'graded') {
      if (levels.has(plan.level))
        return fail(`/plans/${p}/level`, `Level ${plan.level} has two graded plans`);
      levels.add(plan.level);
    }
    const problem = checkTasks(plan, `/plans/${p}`, refs);
    if (problem) return problem;
  }
  const missing = RESPONSE_LEVELS.filter((level) => !levels.has(level));
  if (missing.length > 0) return fail('/plans', `No graded plan for level ${missing.join(', ')}`);
  return null;
}

function checkTasks(plan: Plan, at: string, refs: PlanReferences): PlansCheck | null {
  const taskIds = new Set<string>();
  for (const [t, task] of plan.tasks.entries()) {
    const path = `${at}/tasks/${t}`;
    if (taskIds.has(task.id)) return fail(`${path}/id`, `Task id "${task.id}" is repeated`);
    taskIds.add(task.id);
    if ('unit' in task.assignee && refs.unitIds && !refs.unitIds.has(task.assignee.unit))
      return fail(`${path}/assignee/unit`, `No unit "${task.assignee.unit}" in the catalogue`);
    for (const [s, siteId] of (task.inspect?.siteIds ?? []).entries())
      if (refs.siteIds && !refs.siteIds.has(siteId))
        return fail(`${path}/inspect/siteIds/${s}`, `No hazard site "${siteId}" in the catalogue`);
    if (task.inspect && !task.inspect.siteTypes && !task.inspect.siteIds)
      return fail(`${path}/inspect`, 'An inspection needs siteTypes or siteIds');
  }
  return null;
}
