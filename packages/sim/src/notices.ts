import {
  isCompound,
  type Actor,
  type Asset,
  type Audience,
  type Command,
  type ResidentialCompound,
  type State,
} from '@floodnet/domain';
import { unitHash } from './random';
import type { TimedCommand } from './policy';

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);

/**
 * The district's notices to the compounds during In-Fa, in the order the Xuhui flood office sent
 * them (the sequence, not the wording, follows the district's reports; times plausible).
 */
export const IN_FA_NOTICES: {
  at: number;
  title: string;
  body: string;
  audience: Audience;
  ackWithinMinutes?: number;
}[] = [
  {
    at: at('2021-07-24T10:00:00+08:00'),
    title: '台风“烟花”预警：做好防台准备',
    body: '台风“烟花”将影响本区，请各小区物业检查排水设施、清理屋顶和阳台杂物，值班人员在岗。',
    audience: { all: true },
    ackWithinMinutes: 120,
  },
  {
    at: at('2021-07-24T20:00:00+08:00'),
    title: '低洼小区地下车库车辆撤离',
    body: '请低洼小区立即组织地下车库车辆撤离至地面高处，张贴告示并逐户通知。',
    audience: { lowLying: true, undergroundGarage: true },
    ackWithinMinutes: 60,
  },
  {
    at: at('2021-07-25T06:00:00+08:00'),
    title: '沙袋封堵地库及小区入口',
    body: '请在地下车库入口、小区低洼出入口堆放沙袋或挡水板，发现进水立即上报。',
    audience: { lowLying: true },
    ackWithinMinutes: 60,
  },
  {
    at: at('2021-07-26T12:00:00+08:00'),
    title: '解除防台警报',
    body: '台风“烟花”影响减弱，防台警报解除，请恢复正常秩序并上报受损情况。',
    audience: { all: true },
  },
];

/** How property managers answer (plausible): most within the deadline, some late, a few never. */
const ANSWER = { onTime: 0.85, late: 0.1, deliveredMin: 3, readMin: 20 } as const;
/** The dozen compounds whose managers report water, from the storm's wettest hours. */
const WATER_REPORTS = 12;
const WATER_FROM = at('2021-07-25T11:00:00+08:00');
const ALL_CLEAR_AT = at('2021-07-26T09:00:00+08:00');

export const managerOf = (compoundId: string): Actor => ({
  name: `pm-${compoundId}`,
  role: 'compound',
  compoundId,
});

interface WaterReport {
  at: number;
  compoundId: string;
  command: Command;
}

/**
 * The compounds' side of the storm: the district's notices, the managers' receipts and
 * acknowledgements at plausible rates (a few late, escalated by `checkNotices` at each
 * deadline), and a dozen compounds reporting water, then all clear. Reads the picture for what
 * is done, so a restarted run does not repeat itself.
 */
export class NoticeStoryline {
  private readonly compounds: ResidentialCompound[];
  private readonly reports: WaterReport[];
  private readonly sent = new Set<string>();

  constructor(
    assets: readonly Asset[],
    private readonly seed: number,
    private readonly commander: Actor,
  ) {
    this.compounds = assets.filter(isCompound);
    const wet = this.compounds
      .filter((compound) => compound.lowLying)
      .sort((a, b) => unitHash(seed, `wet:${a.id}`) - unitHash(seed, `wet:${b.id}`))
      .slice(0, WATER_REPORTS);
    this.reports = wet.flatMap((compound, i) => {
      const when = WATER_FROM + Math.round(unitHash(seed, `when:${compound.id}`) * 6 * 60) * MINUTE;
      const depthCm = 10 + Math.round(unitHash(seed, `depth:${compound.id}`) * 40);
      const flooded = i < 2 && compound.undergroundGarage;
      const report: Command = {
        type: 'reportFromCompound',
        compoundId: compound.id,
        kind: flooded ? 'garage-flooded' : 'water-depth',
        depthCm,
        where: compound.undergroundGarage ? 'garage' : 'entrance',
      };
      const clear: Command = {
        type: 'reportFromCompound',
        compoundId: compound.id,
        kind: 'all-clear',
      };
      return [
        { at: when, compoundId: compound.id, command: report },
        { at: ALL_CLEAR_AT + i * 7 * MINUTE, compoundId: compound.id, command: clear },
      ];
    });
  }

  /** The commands due by `now` that the picture does not show done yet. */
  decide(state: State, now: number): TimedCommand[] {
    if (this.compounds.length === 0) return [];
    const out: TimedCommand[] = [];
    const issued = new Map(Object.values(state.notices).map((notice) => [notice.title, notice]));
    for (const plan of IN_FA_NOTICES) {
      const notice = issued.get(plan.title);
      if (!notice) {
        if (now >= plan.at && this.once(`issue:${plan.title}`)) {
          const { at: _at, ...body } = plan;
          out.push({ at: now, actor: this.commander, command: { type: 'issueNotice', ...body } });
        }
        continue;
      }
      out.push(...this.receipts(notice.id, notice.issuedAt, notice.ackBy, notice.recipients, now));
      if (notice.ackBy !== null && now >= notice.ackBy + MINUTE && this.once(`check:${notice.id}`))
        out.push({
          at: now,
          actor: { name: 'floodnet', role: 'system' },
          command: { type: 'checkNotices' },
        });
    }
    for (const report of this.reports) {
      const key = `report:${report.compoundId}:${report.at}`;
      if (now >= report.at && this.once(key))
        out.push({ at: now, actor: managerOf(report.compoundId), command: report.command });
    }
    return out;
  }

  private receipts(
    noticeId: string,
    issuedAt: number,
    ackBy: number | null,
    recipients: State['notices'][string]['recipients'],
    now: number,
  ): TimedCommand[] {
    const out: TimedCommand[] = [];
    const window = ackBy === null ? 120 * MINUTE : ackBy - issuedAt;
    for (const [recipientId, receipt] of Object.entries(recipients)) {
      if (receipt.acknowledged !== null) continue;
      const draw = (what: string) => unitHash(this.seed, `${what}:${noticeId}:${recipientId}`);
      const delivered = issuedAt + Math.ceil(draw('delivered') * ANSWER.deliveredMin) * MINUTE;
      const read = delivered + Math.ceil(draw('read') * ANSWER.readMin) * MINUTE;
      const answer = draw('answer');
      const ackAt =
        answer < ANSWER.onTime
          ? read + Math.floor(draw('ack') * Math.max(0, window - (read - issuedAt) - MINUTE))
          : answer < ANSWER.onTime + ANSWER.late
            ? issuedAt + window + Math.ceil(10 + draw('late') * 50) * MINUTE
            : null;
      const actor = managerOf(recipientId);
      const step = (type: 'markNoticeDelivered' | 'readNotice' | 'acknowledgeNotice') => ({
        at: now,
        actor,
        command: { type, noticeId, recipientId } as Command,
      });
      if (ackAt !== null && now >= ackAt && this.once(`ack:${noticeId}:${recipientId}`))
        out.push(step('acknowledgeNotice'));
      else if (receipt.read === null && now >= read && this.once(`read:${noticeId}:${recipientId}`))
        out.push(step('readNotice'));
      else if (
        receipt.delivered === null &&
        now >= delivered &&
        this.once(`delivered:${noticeId}:${recipientId}`)
      )
        out.push(step('markNoticeDelivered'));
    }
    return out;
  }

  /** True the first time: a command handed out is not repeated while the picture catches up. */
  private once(key: string): boolean {
    if (this.sent.has(key)) return false;
    this.sent.add(key);
    return true;
  }
}
