import pg from 'pg';
import { connectionConfig } from './pg-schema';

/**
 * A cluster-wide lease on a PostgreSQL session-level advisory lock: of all replicas asking for
 * the same name, one holds it at a time. The lock lives as long as the holder's session, so a
 * holder that dies (kill -9, lost host) loses it as soon as PostgreSQL sees the session end, and
 * another replica, asking every `retryMs`, takes it over within seconds.
 */
export class PgLease {
  private client: pg.Client | null = null;
  private holding = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private busy = false;

  constructor(
    private readonly url: string,
    readonly name: string,
    private readonly retryMs = 1_000,
    private readonly onChange?: (held: boolean) => void,
  ) {}

  /** Whether this process holds the lease now. */
  held(): boolean {
    return this.holding;
  }

  start(): void {
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.set(false);
    const client = this.client;
    this.client = null;
    // Ending the session releases the lock at once for the next holder.
    await client?.end().catch(() => undefined);
  }

  private tick(): void {
    if (this.stopped || this.busy) return;
    this.busy = true;
    this.attempt()
      .catch(() => this.drop())
      .finally(() => {
        this.busy = false;
        if (this.stopped) return;
        this.timer = setTimeout(() => this.tick(), this.retryMs);
        this.timer.unref();
      });
  }

  private async attempt(): Promise<void> {
    if (!this.client) {
      // Named so an operator (and the tests) can see who holds what in pg_stat_activity.
      const client = new pg.Client({
        ...connectionConfig(this.url),
        application_name: `floodnet lease ${this.name} pid ${process.pid}`,
      });
      client.on('error', () => this.drop(client));
      client.on('end', () => this.drop(client));
      await client.connect();
      this.client = client;
    }
    if (this.holding) {
      await this.client.query('SELECT 1'); // still our session: the lock is still ours
      return;
    }
    const { rows } = await this.client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [`floodnet:${this.name}`],
    );
    this.set(rows[0]?.locked === true);
  }

  /** The session is gone, and with it the lock. */
  private drop(client: pg.Client | null = this.client): void {
    if (client !== this.client) return;
    this.client = null;
    this.set(false);
    client?.end().catch(() => undefined);
  }

  private set(held: boolean): void {
    if (held === this.holding) return;
    this.holding = held;
    this.onChange?.(held);
  }
}
