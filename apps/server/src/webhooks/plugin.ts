import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import type { ResolvedOptions } from '../config.js';
import { LIVE, SYSTEM } from '../plugins/engine.js';
import { WebhookOutbox } from './outbox.js';

export interface Webhooks {
  /** The signing secret of a webhook: derived, so it survives a restart without being an event. */
  secretOf(webhookId: string): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: Webhooks;
  }
}

/** The key webhook secrets are derived from, made on first start, readable by the owner only. */
function masterKey(dataDir: string): Buffer {
  const file = join(dataDir, 'webhook-secret');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

/** Webhook deliveries for `live`: one outbox per registered webhook, woken by each commit. */
export default fp<{ options: ResolvedOptions; retryBaseMs?: number }>(
  async function webhooksPlugin(app, { options, retryBaseMs }) {
    const key = masterKey(options.dataDir);
    const live = app.engine.live;
    const secretOf = (webhookId: string) => {
      const hook = live.state.webhooks[webhookId];
      return createHmac('sha256', key)
        .update(`${webhookId}:${hook?.registeredSeq ?? 0}`)
        .digest('hex');
    };
    const outboxes = new Map<string, WebhookOutbox>();
    const open = (webhookId: string) => {
      if (outboxes.has(webhookId)) return;
      const outbox = new WebhookOutbox(webhookId, {
        log: app.eventLog,
        state: () => live.state,
        record: (command) => app.engine.execute(LIVE, command, SYSTEM),
        secretOf,
        retryBaseMs: retryBaseMs ?? options.webhookRetryBaseMs,
        logger: app.log,
      });
      outboxes.set(webhookId, outbox);
      outbox.start();
    };
    app.decorate('webhooks', { secretOf });
    app.engine.listen({
      committed(stream, events) {
        if (stream !== LIVE) return;
        for (const event of events)
          if (event.type === 'webhook.registered') open(event.data.webhookId);
        for (const outbox of outboxes.values()) outbox.wake();
      },
      reset() {
        for (const outbox of outboxes.values()) outbox.wake();
      },
    });
    app.addHook('onReady', async () => {
      for (const webhookId of Object.keys(live.state.webhooks)) open(webhookId);
    });
    app.addHook('preClose', async () => {
      await Promise.all([...outboxes.values()].map((outbox) => outbox.stop()));
    });
  },
  { name: 'webhooks', dependencies: ['engine', 'event-log'] },
);
