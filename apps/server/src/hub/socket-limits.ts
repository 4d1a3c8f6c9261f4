import type { Socket } from 'socket.io';

/**
 * Bytes a socket has been given but not yet written to the network: the websocket's own buffer
 * plus Engine.IO's queue (which holds everything while a polling client is away). A screen that
 * does not read lets this grow; the hub disconnects it before it grows without end.
 */
export function unsentBytes(socket: Socket): number {
  const conn = socket.conn as unknown as {
    writeBuffer?: { data?: unknown }[];
    transport?: { socket?: { bufferedAmount?: number } };
  };
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) {
    const data = packet.data;
    if (typeof data === 'string') bytes += data.length;
    else if (data && typeof (data as ArrayBufferLike).byteLength === 'number') {
      bytes += (data as ArrayBufferLike).byteLength;
    }
  }
  return bytes;
}

/**
 * `follow` requests per socket: a small burst, then the configured rate. A client that keeps
 * asking past its allowance is told so (RATE_LIMITED) and, if it never stops, disconnected.
 */
export class FollowBudget {
  private tokens: number;
  private at: number;
  private refusedInRow = 0;

  constructor(
    private readonly perMinute: number,
    private readonly burst = Math.max(1, Math.min(10, perMinute)),
  ) {
    this.tokens = this.burst;
    this.at = Date.now();
  }

  /** 'ok', 'refused' (answer RATE_LIMITED) or 'abusive' (disconnect). */
  take(nowMs: number): 'ok' | 'refused' | 'abusive' {
    this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.at) * this.perMinute) / 60_000);
    this.at = nowMs;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.refusedInRow = 0;
      return 'ok';
    }
    this.refusedInRow += 1;
    return this.refusedInRow > 100 ? 'abusive' : 'refused';
  }
}
