import { describe, expect, it } from 'vitest';
import type { Actor } from '../../model/primitives.js';
import { decide } from '../../decide.js';
import { given, system, T0 } from '../../testing/given.js';

const admin: Actor = { name: 'root', role: 'admin' };
const register = (url: string, events = ['notice.issued']) =>
  decide({ type: 'registerWebhook', url, events }, given(), { now: T0, actor: admin });

describe('registering a webhook', () => {
  it('takes an http or https address and known event types', () => {
    expect(register('https://sms.example.cn/floodnet').ok).toBe(true);
    expect(register('http://10.0.0.5:8080/hook', ['alert.raised', 'notice.issued']).ok).toBe(true);
  });
  it('refuses other schemes, bad URLs, credentials and unknown or webhook event types', () => {
    const code = (url: string, events?: string[]) => {
      const decision = register(url, events);
      return decision.ok ? 'accepted' : `${decision.refusal.code} ${decision.refusal.path}`;
    };
    expect(code('ftp://files.example.cn/x')).toBe('WEBHOOK_URL_INVALID url');
    expect(code('file:///etc/passwd')).toBe('WEBHOOK_URL_INVALID url');
    expect(code('javascript:alert(1)')).toBe('WEBHOOK_URL_INVALID url');
    expect(code('not a url at all')).toBe('WEBHOOK_URL_INVALID url');
    expect(code('https://user:pw@example.cn/x')).toBe('WEBHOOK_URL_INVALID url');
    expect(code('https://example.cn/x', ['notice.issued', 'notice.nonsense'])).toBe(
      'UNKNOWN_EVENT_TYPE events[1]',
    );
    expect(code('https://example.cn/x', ['webhook.delivered'])).toBe(
      'UNKNOWN_EVENT_TYPE events[0]',
    );
  });
  it('is for admins only, and deliveries are recorded by floodnet itself', () => {
    const duty: Actor = { name: 'li', role: 'duty' };
    const asDuty = decide(
      { type: 'registerWebhook', url: 'https://example.cn', events: ['notice.issued'] },
      given(),
      { now: T0, actor: duty },
    );
    expect(asDuty).toMatchObject({ ok: false, refusal: { code: 'NOT_ALLOWED_FOR_ROLE' } });
    const state = given([
      { type: 'registerWebhook', url: 'https://example.cn/h', events: ['notice.issued'] },
      admin,
    ]);
    const hook = state.webhooks['hook-1']!;
    const delivered = given(
      [{ type: 'registerWebhook', url: 'https://example.cn/h', events: ['notice.issued'] }, admin],
      [
        {
          type: 'recordWebhookDelivery',
          webhookId: 'hook-1',
          eventId: 'e-9',
          seq: hook.registeredSeq + 5,
          attempts: 2,
          count: 1,
        },
        system,
      ],
    );
    expect(delivered.webhooks['hook-1']).toMatchObject({ delivered: 1, failing: null });
  });
});
