import {
  isOpenTask,
  nearestWithRoom,
  type Actor,
  type Command,
  type State,
  type TaskState,
} from '@floodnet/domain';
import { unitHash } from './random';

/**
 * The plan side of the scripted command room (invented habits, documented in the README): units
 * acknowledge their plan tasks within minutes and most finish on time, some late, a few never;
 * inspection rounds find a hazard now and then and a later round finds it fixed; when the
 * construction workers are to be moved, every construction site's workforce goes to the nearest
 * resettlement site with room, and returns once the plan stands down; the commander hands over
 * the shift at 08:00 and 20:00.
 */
export const PLAN_HABITS = {
  ackDelayMin: { min: 3, max: 15 },
  /** A task takes this share of its deadline: above 1 is late. */
  workShareOfDeadline: { min: 0.4, max: 1.35 },
  /** Chance a task is never done before the plan stands down. */
  neverDone: 0.06,
  /** Chance an inspection round finds a hazard at one of its sites. */
  hazardFound: 0.2,
  /** Minutes between moving one site's workers and the next. */
  evacuationEveryMin: 4,
  /** People go home this long after the plan that moved them stands down. */
  returnAfterMin: 90,
} as const;

const MINUTE_MS = 60_000;
const SHIFT_MS = 12 * 3600_000;
/** 08:00 and 20:00 in Shanghai are 00:00 and 12:00 UTC. */
const SHIFT_PHASE_MS = 0;

const HAZARD_NOTES = [
  '围挡松动，需加固',
  '基坑积水，排水泵未启动',
  '塔吊未按要求固定',
  '防汛墙接缝渗水',
  '挡水板缺失',
  '排水沟堵塞',
];

const SYSTEM: Actor = { name: 'floodnet', role: 'system' };

type Issue = (key: string, actor: Actor, command: Command) => boolean;

export class PlanWork {
  constructor(
    private readonly seed: number,
    private readonly actors: { duty: Actor; commander: Actor },
    private readonly startMs: number,
  ) {}

  decide(state: State, now: number, issue: Issue): void {
    // A log without plans (an older recording, a test's own catalogue) gets none of this.
    if (state.plans.list.length === 0) return;
    this.flagOverdue(state, now, issue);
    this.workTasks(state, now, issue);
    this.moveWorkers(state, now, issue);
    this.bringPeopleHome(state, now, issue);
    this.handOver(state, now, issue);
  }

  /** floodnet's own deadline check, which the server runs on a timer. */
  private flagOverdue(state: State, now: number, issue: Issue): void {
    const late = Object.values(state.tasks).some(
      (task) => isOpenTask(task) && task.overdueAt === null && task.dueAt <= now,
    );
    if (late) issue(`check-tasks:${now}`, SYSTEM, { type: 'checkTasks' });
  }

  private share(key: string, range: { min: number; max: number }): number {
    return range.min + (range.max - range.min) * unitHash(this.seed, key);
  }

  private workTasks(state: State, now: number, issue: Issue): void {
    const open = Object.values(state.tasks)
      .filter(isOpenTask)
      .sort((a, b) => a.issuedAt - b.issuedAt || a.id.localeCompare(b.id));
    for (const task of open) {
      if (task.acknowledgedAt === null) {
        const due =
          task.issuedAt + this.share(`ack:${task.id}`, PLAN_HABITS.ackDelayMin) * MINUTE_MS;
        if (now >= due)
          issue(`task-ack:${task.id}`, this.actors.duty, {
            type: 'acknowledgeTask',
            taskId: task.id,
          });
        continue;
      }
      if (unitHash(this.seed, `never:${task.id}`) < PLAN_HABITS.neverDone) continue;
      const work =
        (task.dueAt - task.issuedAt) *
        this.share(`work:${task.id}`, PLAN_HABITS.workShareOfDeadline);
      if (now < task.issuedAt + work) continue;
      const finding = this.findingFor(state, task);
      issue(`task-done:${task.id}`, this.actors.duty, {
        type: 'completeTask',
        taskId: task.id,
        ...(finding ? { finding } : {}),
      });
    }
  }

  /** A round that meets a known hazard finds it fixed; otherwise now and then a new one. */
  private findingFor(state: State, task: TaskState) {
    if (task.siteIds.length === 0) return null;
    const known = task.siteIds.find((siteId) => state.hazards[siteId]);
    if (known) return { result: 'fine' as const, siteId: known };
    if (unitHash(this.seed, `hazard:${task.id}`) >= PLAN_HABITS.hazardFound)
      return { result: 'fine' as const };
    const pick = Math.floor(unitHash(this.seed, `site:${task.id}`) * task.siteIds.length);
    const note =
      HAZARD_NOTES[Math.floor(unitHash(this.seed, `note:${task.id}`) * HAZARD_NOTES.length)]!;
    return { result: 'hazard' as const, siteId: task.siteIds[pick]!, note };
  }

  /** Once the move of the construction workers is acknowledged, one site after another. */
  private moveWorkers(state: State, now: number, issue: Issue): void {
    const order = Object.values(state.tasks).find(
      (task) =>
        task.id.includes('.move-construction-workers.') &&
        isOpenTask(task) &&
        task.acknowledgedAt !== null,
    );
    if (!order) return;
    const away = new Set(
      Object.values(state.evacuations)
        .filter((evacuation) => evacuation.returnedAt === null)
        .map((evacuation) => evacuation.fromId),
    );
    const sites = Object.values(state.assets)
      .flatMap((asset) =>
        asset.kind === 'hazard-site' &&
        asset.siteType === 'construction-site' &&
        asset.workforce > 0
          ? [asset]
          : [],
      )
      .sort((a, b) => b.workforce - a.workforce || a.id.localeCompare(b.id));
    sites.forEach((site, index) => {
      if (away.has(site.id)) return;
      if (now < order.acknowledgedAt! + index * PLAN_HABITS.evacuationEveryMin * MINUTE_MS) return;
      const room = nearestWithRoom(state, site, site.workforce);
      if (!room) return;
      issue(`evac:${site.id}:${order.activationId}`, this.actors.commander, {
        type: 'recordEvacuation',
        fromId: site.id,
        toSiteId: room.siteId,
        people: site.workforce,
      });
    });
  }

  private bringPeopleHome(state: State, now: number, issue: Issue): void {
    const stillOn = Object.values(state.activePlans).some(
      (plan) => plan.planId === 'graded-ii' || plan.planId === 'graded-i',
    );
    if (stillOn) return;
    for (const evacuation of Object.values(state.evacuations)) {
      if (evacuation.returnedAt !== null) continue;
      if (now < evacuation.movedAt + PLAN_HABITS.returnAfterMin * MINUTE_MS) continue;
      issue(`return:${evacuation.id}`, this.actors.commander, {
        type: 'recordReturn',
        evacuationId: evacuation.id,
      });
    }
  }

  private handOver(state: State, now: number, issue: Issue): void {
    const shiftStart = Math.floor((now - SHIFT_PHASE_MS) / SHIFT_MS) * SHIFT_MS + SHIFT_PHASE_MS;
    if (shiftStart <= this.startMs) return;
    if (state.handovers.some((handover) => handover.at >= shiftStart)) return;
    const open = Object.values(state.incidents).filter((i) => i.status !== 'resolved').length;
    const tasks = Object.values(state.tasks).filter(isOpenTask);
    const late = tasks.filter((task) => task.overdueAt !== null).length;
    const atSites = Object.values(state.evacuations)
      .filter((evacuation) => evacuation.returnedAt === null)
      .reduce((sum, evacuation) => sum + evacuation.people, 0);
    const level = state.responseLevel ? `${state.responseLevel}级响应` : '未启动响应';
    const note =
      `${level}；未结事件 ${open} 件；未完成任务 ${tasks.length} 项（超时 ${late} 项）；` +
      `安置点现有 ${atSites} 人；未消除隐患 ${Object.keys(state.hazards).length} 处。`;
    issue(`handover:${shiftStart}`, this.actors.commander, { type: 'handOverShift', note });
  }
}
