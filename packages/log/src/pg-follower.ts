import pg from 'pg';
import { COMMITS_CHANNEL, connectionConfig, DROPS_CHANNEL } from './pg-schema';

export interface FollowerHandlers {
  /** Another session committed to these streams. */
  committed(streams: string[]): void;
  /** Another session dropped this stream. */
  dropped(stream: string): void;
  /** The connection was lost and is back: notifications may have been missed meanwhile. */
  reconnected(): void;
  error(error: unknown): void;
}

const RECONNECT_MS = 1_000;

/**
 * One connection that LISTENs for other sessions' commits and drops, and reconnects when it is
 * lost (PostgreSQL restarted). Notifications sent by this process's own sessions are skipped.
 */
export class PgFollower {
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly handlers: FollowerHandlers,
    private readonly ownSessions: () => ReadonlySet<number>,
  ) {}

  /** Connects and listens; rejects if PostgreSQL cannot be reached now. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(connectionConfig(this.url));
    client.on('error', (error) => {
      this.handlers.error(error);
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (this.ownSessions().has(message.processId)) return;
      if (message.channel === DROPS_CHANNEL && message.payload) {
        this.handlers.dropped(message.payload);
      } else if (message.channel === COMMITS_CHANNEL) {
        this.handlers.committed(parseStreams(message.payload));
      }
    });
    await client.connect();
    await client.query(`LISTEN ${COMMITS_CHANNEL}; LISTEN ${DROPS_CHANNEL}`);
    this.client = client;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client || this.stopped) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().then(
        () => this.handlers.reconnected(),
        (error: unknown) => {
          this.handlers.error(error);
          this.scheduleReconnect();
        },
      );
    }, RECONNECT_MS);
    this.retry.unref();
  }
}

function parseStreams(payload: string | undefined): string[] {
  try {
    const streams: unknown = JSON.parse(payload ?? '[]');
    return Array.isArray(streams) ? streams.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}
