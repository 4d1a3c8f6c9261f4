import type { Folds } from '../../model/area.js';
import { own } from '../../model/state.js';

export const webhookFolds: Folds<
  'webhook.registered' | 'webhook.delivered' | 'webhook.attemptFailed'
> = {
  'webhook.registered'(state, data, at, event) {
    // The seq before this event, the same whether folded before the append or from the log.
    const seq = 'seq' in event ? event.seq - 1 : state.seq;
    state.webhooks[data.webhookId] = {
      id: data.webhookId,
      url: data.url,
      events: data.events,
      registeredSeq: seq,
      deliveredSeq: seq,
      delivered: 0,
      failing: null,
      registeredAt: at,
    };
  },
  'webhook.delivered'(state, data) {
    const hook = own(state.webhooks, data.webhookId);
    if (!hook || data.seq <= hook.deliveredSeq) return;
    hook.deliveredSeq = data.seq;
    hook.delivered += data.count;
    hook.failing = null;
  },
  'webhook.attemptFailed'(state, data, at) {
    const hook = own(state.webhooks, data.webhookId);
    if (!hook) return;
    hook.failing = {
      eventId: data.eventId,
      attempts: data.attempt,
      status: data.status,
      error: data.error,
      at,
    };
  },
};
