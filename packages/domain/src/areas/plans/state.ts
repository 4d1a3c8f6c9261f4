import type { Plan } from './schema.js';

type EpochMs = number;

export interface TaskState {
  id: string;
  planId: string;
  activationId: string;
  assigneeId: string;
  title: string;
  titleEn: string;
  issuedAt: EpochMs;
  dueAt: EpochMs;
  place: { lat: number; lng: number; name: string } | null;
  siteIds: string[];
  acknowledgedAt: EpochMs | null;
  acknowledgedBy: string | null;
  completedAt: EpochMs | null;
  completedBy: string | null;
  note: string | null;
  finding: { result: 'fine' | 'hazard'; siteId?: string; note?: string } | null;
  overdueAt: EpochMs | null;
  stoodDownAt: EpochMs | null;
}

export interface ActivePlan {
  planId: string;
  activationId: string;
  activatedAt: EpochMs;
  reasons: string[];
}

/** A weak spot an inspection found wanting: on the map until a later inspection finds it fixed. */
export interface HazardFound {
  siteId: string;
  note: string;
  foundAt: EpochMs;
  taskId: string;
}

export interface PlansSlice {
  plans: { version: number; list: Plan[] };
  activePlans: Record<string, ActivePlan>;
  /** How many times each plan has been activated (activation ids count from it). */
  activations: Record<string, number>;
  tasks: Record<string, TaskState>;
  hazards: Record<string, HazardFound>;
}

export function initialPlans(): PlansSlice {
  return {
    plans: { version: 0, list: [] },
    activePlans: {},
    activations: {},
    tasks: {},
    hazards: {},
  };
}

/** A task still to do: issued, not completed, not stood down. */
export function isOpenTask(task: TaskState): boolean {
  return task.completedAt === null && task.stoodDownAt === null;
}
