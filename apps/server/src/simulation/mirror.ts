import {
  decodeState,
  evolve,
  type EventEnvelope,
  type State,
  type StateJson,
} from '@floodnet/domain';
import { credential, type Credential } from './client.js';

/**
 * The live picture as any integrator would keep it: `GET /api/v1/state` once, then the events
 * after it from `GET /api/v1/events`, folded with the domain's `evolve`. Used when the server
 * does not hand the simulation its own state getter.
 */
export class LiveMirror {
  private state: State | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly token: Credential,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Brings the picture up to date and returns it (read-only for callers). */
  async refresh(): Promise<State> {
    const headers = { authorization: `Bearer ${credential(this.token)}` };
    if (this.state === null) {
      const response = await this.fetchImpl(`${this.baseUrl}/api/v1/state?stream=live`, {
        headers,
      });
      if (!response.ok) throw new Error(`GET /api/v1/state: ${response.status}`);
      // Times arrive as `…+08:00` text; the fold works in epoch ms.
      this.state = decodeState(((await response.json()) as { state: StateJson }).state);
    }
    const limit = 10_000;
    for (;;) {
      const after = this.state.seq;
      const url = `${this.baseUrl}/api/v1/events?stream=live&after=${after}&limit=${limit}`;
      const response = await this.fetchImpl(url, { headers });
      if (!response.ok) throw new Error(`GET /api/v1/events: ${response.status}`);
      const lines = (await response.text()).split('\n').filter((line) => line !== '');
      for (const line of lines) evolve(this.state, JSON.parse(line) as EventEnvelope);
      if (lines.length < limit) return this.state;
    }
  }
}
