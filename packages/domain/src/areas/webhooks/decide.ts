import { no, yes, type Deciders } from '../../model/area.js';
import { isKnownEventType } from '../../model/events.js';
import { own } from '../../model/state.js';
import { refuse } from '../../refusals.js';

export const webhookRoles = {
  registerWebhook: ['admin'],
  recordWebhookDelivery: ['system'],
  recordWebhookFailure: ['system'],
} as const;

/** Why a URL is not one floodnet will post to, or null. Only http(s), no credentials in it. */
export function webhookUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `not a URL: ${url}`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `only http and https, not ${parsed.protocol.replace(':', '')}`;
  if (parsed.username || parsed.password) return 'no credentials in the URL (the secret signs)';
  if (!parsed.hostname) return 'no host';
  return null;
}

export const webhookDeciders: Deciders<
  'registerWebhook' | 'recordWebhookDelivery' | 'recordWebhookFailure'
> = {
  registerWebhook(command, state, { at, actor: by }) {
    const problem = webhookUrlProblem(command.url);
    if (problem) return no(refuse('WEBHOOK_URL_INVALID', problem, 'url'));
    const index = command.events.findIndex(
      (type) => !isKnownEventType(type) || type.startsWith('webhook.'),
    );
    if (index >= 0)
      return no(refuse('UNKNOWN_EVENT_TYPE', command.events[index], `events[${index}]`));
    const webhookId = `hook-${Object.keys(state.webhooks).length + 1}`;
    const events = [...new Set(command.events)];
    return yes([
      { type: 'webhook.registered', at, data: { webhookId, url: command.url, events, by } },
    ]);
  },
  recordWebhookDelivery(command, state, { at }) {
    const hook = own(state.webhooks, command.webhookId);
    if (!hook) return no(refuse('UNKNOWN_WEBHOOK', command.webhookId));
    if (command.seq <= hook.deliveredSeq) return yes([]);
    const { webhookId, eventId, seq, attempts, count } = command;
    return yes([
      { type: 'webhook.delivered', at, data: { webhookId, eventId, seq, attempts, count } },
    ]);
  },
  recordWebhookFailure(command, state, { at }) {
    if (!own(state.webhooks, command.webhookId))
      return no(refuse('UNKNOWN_WEBHOOK', command.webhookId));
    const { type: _type, ...data } = command;
    return yes([{ type: 'webhook.attemptFailed', at, data }]);
  },
};
