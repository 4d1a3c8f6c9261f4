import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { FastifyBaseLogger } from 'fastify';
import { createClient } from 'redis';

/**
 * Socket.IO's Redis Streams adapter, so that replicas reach each other's sockets (room sizes,
 * disconnecting a revoked user everywhere). Events are not carried this way: each replica sends
 * its own sockets what its copy of the log holds, so screens keep receiving while Redis is down.
 * The client reconnects on its own; while Redis is down, cross-replica operations are lost.
 */
export async function redisAdapter(
  url: string,
  logger: FastifyBaseLogger,
): Promise<{ adapter: ReturnType<typeof createAdapter>; close(): Promise<void> }> {
  const client = createClient({
    url,
    socket: {
      connectTimeout: 3_000,
      reconnectStrategy: (retries) => Math.min(200 * retries, 2_000),
    },
  });
  let down = false;
  client.on('error', (error: unknown) => {
    if (!down)
      logger.warn({ err: error }, 'redis unreachable: replicas cannot reach each other’s sockets');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info('redis reachable again');
    down = false;
  });
  await client.connect();
  return {
    adapter: createAdapter(client),
    close: async () => {
      await client.close().catch(() => undefined);
    },
  };
}
