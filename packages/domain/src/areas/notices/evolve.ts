import type { Folds } from '../../model/area.js';
import { actorLabel } from '../../model/primitives.js';
import { own, type State } from '../../model/state.js';
import type { Receipt } from './state.js';

function receiptOf(state: State, noticeId: string, recipientId: string): Receipt | undefined {
  const notice = own(state.notices, noticeId);
  return notice ? own(notice.recipients, recipientId) : undefined;
}

export const noticeFolds: Folds<
  'notice.issued' | 'notice.delivered' | 'notice.read' | 'notice.acknowledged' | 'notice.overdue'
> = {
  'notice.issued'(state, data, at) {
    const recipients: Record<string, Receipt> = {};
    for (const id of data.recipients) {
      recipients[id] = {
        delivered: null,
        read: null,
        acknowledged: null,
        overdue: null,
        followUpTeamId: null,
        note: null,
      };
    }
    state.notices[data.noticeId] = {
      id: data.noticeId,
      title: data.title,
      body: data.body,
      audience: data.audience,
      issuedAt: at,
      issuedBy: actorLabel(data.by),
      ackBy: data.ackBy === null ? null : Date.parse(data.ackBy),
      recipients,
    };
    state.noticeCount += 1;
  },
  'notice.delivered'(state, data, at) {
    const receipt = receiptOf(state, data.noticeId, data.recipientId);
    if (receipt && receipt.delivered === null) receipt.delivered = at;
  },
  'notice.read'(state, data, at) {
    const receipt = receiptOf(state, data.noticeId, data.recipientId);
    if (receipt && receipt.read === null) receipt.read = at;
  },
  'notice.acknowledged'(state, data, at) {
    const receipt = receiptOf(state, data.noticeId, data.recipientId);
    if (!receipt) return;
    receipt.acknowledged = at;
    receipt.note = data.note;
  },
  'notice.overdue'(state, data, at) {
    const receipt = receiptOf(state, data.noticeId, data.recipientId);
    if (!receipt) return;
    receipt.overdue = at;
    receipt.followUpTeamId = data.teamId;
  },
};
