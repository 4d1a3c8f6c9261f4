import { createHmac } from 'node:crypto';
import type { Command, EventEnvelope, State } from '@floodnet/domain';
import type { EventLog } from '@floodnet/log';
import type { FastifyBaseLogger } from 'fastify';

/** `X-Floodnet-Signature`: `sha256=` and the hex HMAC-SHA256 of the raw body, keyed by the secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface OutboxDeps {
  log: EventLog;
  state: () => State;
  /** Records a delivery or a failure in the log (as floodnet itself). */
  record(command: Command): Promise<unknown>;
  secretOf(webhookId: string): string;
  retryBaseMs: number;
  logger: FastifyBaseLogger;
}

const PAGE = 500;
const MAX_BACKOFF_MS = 5 * 60_000;
/** Deliveries made before the cursor is recorded (always recorded when caught up). */
const RECORD_EVERY = 20;
const TIMEOUT_MS = 10_000;

/**
 * One webhook's deliveries, in log order, one at a time. The outbox is the log: the next event
 * is the first of the webhook's types after its recorded cursor, so a killed server resumes
 * from there and at worst repeats what it sent but had not recorded yet (at least once).
 * Retries back off exponentially until the receiver answers 2xx; a redirect is a failure, so
 * nothing goes to an address the admin did not name.
 */
export class WebhookOutbox {
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    readonly webhookId: string,
    private readonly deps: OutboxDeps,
  ) {}

  start(): void {
    this.running ??= this.run().catch((error: unknown) => {
      this.deps.logger.error({ err: error, webhook: this.webhookId }, 'webhook outbox stopped');
    });
  }

  /** New events may be waiting. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.wake();
    await this.running;
  }

  private hook() {
    const hook = this.deps.state().webhooks[this.webhookId];
    if (!hook) throw new Error(`webhook ${this.webhookId} is not in the picture`);
    return hook;
  }

  /** The next event of the webhook's types after `after`, and the seq scanned up to. */
  private next(after: number): { event: EventEnvelope | null; scanned: number } {
    const types = new Set(this.hook().events);
    let scanned = after;
    for (;;) {
      const page = this.deps.log.readAfter('live', scanned, PAGE);
      for (const event of page) {
        if (types.has(event.type)) return { event, scanned };
        scanned = event.seq;
      }
      if (page.length < PAGE) return { event: null, scanned };
    }
  }

  private async run(): Promise<void> {
    let scanned = this.hook().deliveredSeq;
    let unrecorded = 0;
    let last: EventEnvelope | null = null;
    let attempts = 0;
    while (!this.stopped) {
      const found = this.next(Math.max(scanned, this.hook().deliveredSeq));
      scanned = found.scanned;
      if (!found.event) {
        await this.sleep(60_000);
        continue;
      }
      const event = found.event;
      const failing = this.hook().failing;
      const attempt = (failing?.eventId === event.id ? failing.attempts : 0) + 1;
      const outcome = await this.post(event);
      if (this.stopped) return;
      if (outcome.ok) {
        scanned = event.seq;
        unrecorded += 1;
        last = event;
        attempts = attempt;
        const more = this.next(scanned).event !== null;
        if (!more || unrecorded >= RECORD_EVERY) {
          await this.deps.record({
            type: 'recordWebhookDelivery',
            webhookId: this.webhookId,
            eventId: last.id,
            seq: last.seq,
            attempts,
            count: unrecorded,
          });
          unrecorded = 0;
        }
        continue;
      }
      const retryInMs = Math.min(MAX_BACKOFF_MS, this.deps.retryBaseMs * 2 ** (attempt - 1));
      await this.deps.record({
        type: 'recordWebhookFailure',
        webhookId: this.webhookId,
        eventId: event.id,
        seq: event.seq,
        attempt,
        status: outcome.status,
        error: outcome.error.slice(0, 300),
        retryInMs,
      });
      await this.sleep(retryInMs);
    }
  }

  private async post(
    event: EventEnvelope,
  ): Promise<{ ok: true } | { ok: false; status: number | null; error: string }> {
    const hook = this.hook();
    const body = JSON.stringify(event);
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-floodnet-signature': signature(this.deps.secretOf(this.webhookId), body),
          'x-floodnet-event-id': event.id,
          'x-floodnet-webhook-id': this.webhookId,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      const redirected = response.status >= 300 && response.status < 400;
      return {
        ok: false,
        status: response.status,
        error: redirected ? 'redirect not followed' : `HTTP ${response.status}`,
      };
    } catch (error) {
      return { ok: false, status: null, error: error instanceof Error ? error.message : 'failed' };
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const wakeUp = () => done();
      this.wakeUp = wakeUp;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.wakeUp = null;
    });
  }
}
