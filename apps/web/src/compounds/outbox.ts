import { apiUrl } from '../api/http';
import { useStore } from '../store/store';

/** A command waiting to reach the server, with the key that makes a resend harmless. */
export interface QueuedCommand {
  key: string;
  path: string;
  body: unknown;
  label: string;
}

type Listener = (queue: readonly QueuedCommand[]) => void;

const RETRY_MS = 3000;

function newKey(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `k-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Commands from a phone on a poor connection. Each gets an `Idempotency-Key` when it is made and
 * keeps it through every resend, so the server acts on it once; it leaves the queue only when
 * the server has answered (done, or refused for a reason a resend cannot fix). The queue is kept
 * in localStorage, so a reload while offline loses nothing.
 */
export class CommandOutbox {
  private queue: QueuedCommand[];
  private sending = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storageKey: string) {
    this.queue = this.load();
    if (typeof window !== 'undefined') window.addEventListener('online', () => void this.flush());
    void this.flush();
  }

  pending(): readonly QueuedCommand[] {
    return this.queue;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues a POST and tries to send it now. */
  send(path: string, body: unknown, label: string): void {
    this.queue.push({ key: newKey(), path, body, label });
    this.changed();
    void this.flush();
  }

  async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue[0]!;
        const delivered = await this.post(next);
        if (!delivered) {
          this.retryLater();
          return;
        }
        this.queue.shift();
        this.changed();
      }
    } finally {
      this.sending = false;
    }
  }

  /** True once the server answered at all; false when it could not be reached. */
  private async post(command: QueuedCommand): Promise<boolean> {
    const token = useStore.getState().session?.token;
    try {
      const response = await fetch(apiUrl(command.path), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': command.key,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(command.body ?? {}),
      });
      // 5xx and 429: the server is there but cannot take it now; try again with the same key.
      return response.status < 500 && response.status !== 429;
    } catch {
      return false;
    }
  }

  private retryLater(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, RETRY_MS);
  }

  private load(): QueuedCommand[] {
    try {
      const saved = localStorage.getItem(this.storageKey);
      return saved ? (JSON.parse(saved) as QueuedCommand[]) : [];
    } catch {
      return [];
    }
  }

  private changed(): void {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(this.queue));
    } catch {
      // Private mode or full storage: the queue still lives in memory.
    }
    for (const listener of this.listeners) listener(this.queue);
  }
}
