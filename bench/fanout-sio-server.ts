// The second floor of the fan-out benchmark, without batching: a bare Socket.IO server on a
// plain `http` server that takes the same POST /api/v1/readings and relays each write to every
// client the moment it arrives — no validation, no log, no commit, no batch window. What the
// HTTP hop and Socket.IO themselves cost at light load, beside floodnet's figure of the same run.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { forkChild, serveRequests, type Child } from './support/children';

export function startSocketIoFloor(): Child {
  return forkChild(new URL(import.meta.url));
}

interface Reading {
  id: string;
  sensorId: string;
  at: string;
  value: unknown;
}

if (process.send && process.argv[1] && import.meta.url.endsWith(process.argv[1])) {
  let http: HttpServer | null = null;
  let io: Server | null = null;
  let seq = 0;
  serveRequests(
    {
      async start() {
        http = createServer((request, response) => {
          const chunks: Buffer[] = [];
          request.on('data', (chunk: Buffer) => chunks.push(chunk));
          request.on('end', () => {
            const { readings } = JSON.parse(Buffer.concat(chunks).toString()) as {
              readings: Reading[];
            };
            // The envelope floodnet's hub sends, one array per write.
            const events = readings.map(({ id, sensorId, at, value }) => ({
              seq: ++seq,
              stream: 'live',
              id,
              type: 'reading.recorded',
              at,
              data: { sensorId, value },
            }));
            io!.emit('events', events);
            response.writeHead(202, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ accepted: readings.length }));
          });
        });
        io = new Server(http, { serveClient: false });
        // The clients wait for a snapshot before they count as following.
        io.on('connection', (socket) => socket.emit('snapshot', { stream: 'live', seq }));
        await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
        return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
      },
    },
    async () => {
      io?.disconnectSockets(true);
      await new Promise((resolve) => (io ? io.close(resolve) : resolve(undefined)));
    },
  );
}
