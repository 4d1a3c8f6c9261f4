import { no, yes, type AreaContext, type Decision, type Deciders } from '../../model/area.js';
import { bindingRefusal } from '../../model/binding.js';
import type { DomainEvent } from '../../model/events.js';
import { own, type State } from '../../model/state.js';
import { refuse } from '../../refusals.js';
import { toShanghaiIso } from '../../time.js';
import { followUpTeam, recipientsOf, unknownRecipients } from './audience.js';
import type { NoticeState, Receipt } from './state.js';

export const noticeRoles = {
  issueNotice: ['duty', 'commander', 'admin', 'system'],
  // The recipient's own screen and hand; floodnet itself in the simulation.
  markNoticeDelivered: ['compound', 'squad', 'system'],
  readNotice: ['compound', 'squad', 'system'],
  acknowledgeNotice: ['compound', 'squad', 'system'],
  checkNotices: ['system'],
} as const;

type ReceiptCommand = { noticeId: string; recipientId: string };

/** The notice and the recipient's receipt, or why the actor may not touch them. */
function receiptFor(
  command: ReceiptCommand,
  state: State,
  { actor }: AreaContext,
): { notice: NoticeState; receipt: Receipt } | Decision {
  const bound = bindingRefusal(actor, command.recipientId);
  if (bound) return no(bound);
  const notice = own(state.notices, command.noticeId);
  if (!notice) return no(refuse('UNKNOWN_NOTICE', command.noticeId));
  const receipt = own(notice.recipients, command.recipientId);
  if (!receipt) return no(refuse('NOT_A_RECIPIENT', `${command.recipientId} on ${notice.id}`));
  return { notice, receipt };
}

const isDecision = (value: object): value is Decision => 'ok' in value;

/** The steps a receipt still lacks up to `step`, so every receipt reads in order. */
function stepsUpTo(
  step: 'delivered' | 'read',
  receipt: Receipt,
  data: ReceiptCommand,
  at: string,
): DomainEvent[] {
  const events: DomainEvent[] = [];
  if (receipt.delivered === null) events.push({ type: 'notice.delivered', at, data });
  if (step === 'read' && receipt.read === null) events.push({ type: 'notice.read', at, data });
  return events;
}

export const noticeDeciders: Deciders<
  'issueNotice' | 'markNoticeDelivered' | 'readNotice' | 'acknowledgeNotice' | 'checkNotices'
> = {
  issueNotice(command, state, { at, now, actor: by }) {
    const unknown = unknownRecipients(state, command.audience);
    if (unknown.length > 0) return no(refuse('UNKNOWN_RECIPIENT', unknown.join(', '), 'audience'));
    const recipients = recipientsOf(state, command.audience);
    if (recipients.length === 0) return no(refuse('NO_RECIPIENTS', undefined, 'audience'));
    const ackBy =
      command.ackWithinMinutes === undefined
        ? null
        : toShanghaiIso(now + command.ackWithinMinutes * 60_000);
    const { title, body, audience } = command;
    const noticeId = `notice-${state.noticeCount + 1}`;
    return yes([
      {
        type: 'notice.issued',
        at,
        data: { noticeId, title, body, audience, recipients, ackBy, by },
      },
    ]);
  },

  markNoticeDelivered(command, state, context) {
    const found = receiptFor(command, state, context);
    if (isDecision(found)) return found;
    const { noticeId, recipientId } = command;
    // A screen that reconnects marks again: already delivered is no news.
    return yes(stepsUpTo('delivered', found.receipt, { noticeId, recipientId }, context.at));
  },

  readNotice(command, state, context) {
    const found = receiptFor(command, state, context);
    if (isDecision(found)) return found;
    const { noticeId, recipientId } = command;
    return yes(stepsUpTo('read', found.receipt, { noticeId, recipientId }, context.at));
  },

  acknowledgeNotice(command, state, context) {
    const found = receiptFor(command, state, context);
    if (isDecision(found)) return found;
    const { receipt } = found;
    if (receipt.acknowledged !== null)
      return no(refuse('NOTICE_ALREADY_ACKNOWLEDGED', command.noticeId));
    const { noticeId, recipientId } = command;
    const { at, actor: by } = context;
    const events = stepsUpTo('read', receipt, { noticeId, recipientId }, at);
    events.push({
      type: 'notice.acknowledged',
      at,
      data: { noticeId, recipientId, note: command.note ?? null, by },
    });
    // Late, but answered: the follow-up alert clears once nothing else is overdue there.
    const alertId = state.openAlertBySubject[`notice-overdue:${recipientId}`];
    if (alertId && receipt.overdue !== null && !otherOverdue(state, recipientId, noticeId))
      events.push({ type: 'alert.cleared', at, data: { alertId } });
    return yes(events);
  },

  checkNotices(_command, state, { at, now, config }) {
    const events: DomainEvent[] = [];
    let alerts = state.counters.alerts;
    const raised = new Set<string>();
    for (const notice of Object.values(state.notices)) {
      if (notice.ackBy === null || notice.ackBy > now) continue;
      for (const [recipientId, receipt] of Object.entries(notice.recipients)) {
        if (receipt.acknowledged !== null || receipt.overdue !== null) continue;
        const teamId = followUpTeam(state, recipientId);
        events.push({
          type: 'notice.overdue',
          at,
          data: { noticeId: notice.id, recipientId, teamId },
        });
        const subject = `notice-overdue:${recipientId}`;
        if (state.openAlertBySubject[subject] || raised.has(subject)) continue;
        raised.add(subject);
        alerts += 1;
        events.push({
          type: 'alert.raised',
          at,
          data: {
            alertId: `alert-${alerts}`,
            kind: 'notice-overdue',
            severity: config.compounds.noticeOverdueSeverity,
            subjectId: recipientId,
            value: Math.round((now - notice.ackBy) / 60_000),
            threshold: Math.round((notice.ackBy - notice.issuedAt) / 60_000),
          },
        });
      }
    }
    return yes(events);
  },
};

function otherOverdue(state: State, recipientId: string, except: string): boolean {
  return Object.values(state.notices).some((notice) => {
    if (notice.id === except) return false;
    const receipt = own(notice.recipients, recipientId);
    return receipt !== undefined && receipt.overdue !== null && receipt.acknowledged === null;
  });
}
