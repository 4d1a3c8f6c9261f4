import { Type, type Static } from '@sinclair/typebox';
import {
  AudienceSchema,
  boundUnit,
  own,
  toShanghaiIso,
  type Actor,
  type NoticeState,
  type Receipt,
  type State,
} from '@floodnet/domain';

const time = Type.Union([Type.String({ description: 'ISO 8601, +08:00' }), Type.Null()]);

export const ReceiptViewSchema = Type.Object({
  recipientId: Type.String(),
  delivered: time,
  read: time,
  acknowledged: time,
  overdue: time,
  followUpTeamId: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
});

const summary = {
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  audience: AudienceSchema,
  issuedAt: Type.String(),
  issuedBy: Type.String(),
  ackBy: time,
  counts: Type.Object({
    recipients: Type.Integer(),
    delivered: Type.Integer(),
    read: Type.Integer(),
    acknowledged: Type.Integer(),
    overdue: Type.Integer(),
  }),
  /** Recipients past the deadline without an acknowledgement. */
  late: Type.Array(Type.String()),
};
export const NoticeSummarySchema = Type.Object(summary);
export const NoticeDetailSchema = Type.Object({
  ...summary,
  recipients: Type.Array(ReceiptViewSchema),
});
export type NoticeSummary = Static<typeof NoticeSummarySchema>;

const iso = (ms: number | null) => (ms === null ? null : toShanghaiIso(ms));

function receiptView(recipientId: string, receipt: Receipt): Static<typeof ReceiptViewSchema> {
  return {
    recipientId,
    delivered: iso(receipt.delivered),
    read: iso(receipt.read),
    acknowledged: iso(receipt.acknowledged),
    overdue: iso(receipt.overdue),
    followUpTeamId: receipt.followUpTeamId,
    note: receipt.note,
  };
}

/**
 * The receipts an actor may see: all of them for the command room, only its own for a bound
 * compound or squad account (null when the notice is not addressed to it).
 */
function visibleReceipts(notice: NoticeState, actor: Actor): [string, Receipt][] | null {
  const unit = boundUnit(actor);
  if (actor.role !== 'compound' && actor.role !== 'squad') return Object.entries(notice.recipients);
  const receipt = unit ? own(notice.recipients, unit) : undefined;
  return receipt && unit ? [[unit, receipt]] : null;
}

function summaryOf(notice: NoticeState, receipts: [string, Receipt][], now: number) {
  const count = (test: (receipt: Receipt) => boolean) =>
    receipts.filter(([, receipt]) => test(receipt)).length;
  const pastDeadline = notice.ackBy !== null && now >= notice.ackBy;
  return {
    id: notice.id,
    title: notice.title,
    body: notice.body,
    audience: notice.audience,
    issuedAt: toShanghaiIso(notice.issuedAt),
    issuedBy: notice.issuedBy,
    ackBy: iso(notice.ackBy),
    counts: {
      recipients: receipts.length,
      delivered: count((receipt) => receipt.delivered !== null),
      read: count((receipt) => receipt.read !== null),
      acknowledged: count((receipt) => receipt.acknowledged !== null),
      overdue: count((receipt) => receipt.overdue !== null),
    },
    late: pastDeadline
      ? receipts.filter(([, receipt]) => receipt.acknowledged === null).map(([id]) => id)
      : [],
  };
}

/** Newest first: the board, or a bound account's own inbox. */
export function noticeBoard(state: State, actor: Actor, now: number): NoticeSummary[] {
  const board: NoticeSummary[] = [];
  for (const notice of Object.values(state.notices)) {
    const receipts = visibleReceipts(notice, actor);
    if (receipts) board.push(summaryOf(notice, receipts, now));
  }
  return board.reverse();
}

export function noticeDetail(state: State, actor: Actor, id: string, now: number) {
  const notice = own(state.notices, id);
  const receipts = notice ? visibleReceipts(notice, actor) : null;
  if (!notice || !receipts) return null;
  return {
    ...summaryOf(notice, receipts, now),
    recipients: receipts.map(([recipientId, receipt]) => receiptView(recipientId, receipt)),
  };
}
