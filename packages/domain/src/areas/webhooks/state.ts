type EpochMs = number;

export interface WebhookState {
  id: string;
  url: string;
  events: string[];
  /** Events up to this seq are not for it (it did not exist yet). */
  registeredSeq: number;
  /** Every event of its types up to this seq has been delivered. */
  deliveredSeq: number;
  delivered: number;
  /** The event being retried, with its failed attempts so far. */
  failing: {
    eventId: string;
    attempts: number;
    status: number | null;
    error: string;
    at: EpochMs;
  } | null;
  registeredAt: EpochMs;
}

export interface WebhooksSlice {
  webhooks: Record<string, WebhookState>;
}

export function initialWebhooks(): WebhooksSlice {
  return { webhooks: {} };
}
