// The followers of the fan-out benchmark, in a process of their own: 1,000 Socket.IO clients
// (as browsers would connect: websocket transport, a viewer's token, following `live`), or
// 1,000 bare `ws` clients for the raw baseline.
//
// One process cannot JSON-parse what 1,000 screens receive (≈ 200 MB/s here) on a 2-core machine
// that also runs the server: it would measure its own backlog. So a sample of clients (one in
// MEASURE_EVERY) decodes every frame as a browser does and times every reading (the send time is
// in the reading's id); the others are the same clients with a decoder that hands the frame on
// unparsed, and time only the first (oldest) event of each frame, found by a string search.
import * as socketIoParser from 'socket.io-parser';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { forkChild, serveRequests, type Child } from './support/children';
import { LatencyHistogram } from './support/stats';

export type ClientKind = 'socket.io' | 'ws';

export interface ConnectRequest {
  kind: ClientKind;
  url: string;
  token?: string;
  count: number;
  /** One client in this many decodes and times every event (default MEASURE_EVERY). */
  measureEvery?: number;
  /** The stream to follow (default `live`). */
  stream?: string;
  /** Resume after this seq: the server sends what is missing instead of a snapshot. */
  afterSeq?: number;
  /** Idle screens: connected and following, never timed, not counted in the report. */
  idle?: boolean;
}

/** One client in this many decodes and times every event. */
export const MEASURE_EVERY = 20;

export interface DeliveryReport {
  clients: number;
  measuredClients: number;
  /** Readings delivered with a send time, all clients together. */
  deliveries: number;
  /** Events of any kind delivered, all clients together. */
  events: number;
  batches: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Over every client: the oldest event of each frame (an upper bound for the frame). */
  frameP99Ms: number;
  frames: number;
  seconds: number;
  /** This process's CPU while recording: if near 1, the clients themselves are the bottleneck. */
  cpuCores: number;
}

/** The clients process, driven from the benchmark. */
export function startClients(): Child {
  return forkChild(new URL(import.meta.url));
}

/** `fan-<send time in ms>-<n>`: the reading's send time, in the id the log keeps verbatim. */
export const fanoutId = (sentAt: number, n: number) => `fan-${sentAt.toFixed(3)}-${n}`;

const sentAtOf = (id: string) => Number(id.slice(4, id.indexOf('-', 4)));
const wallNow = () => performance.timeOrigin + performance.now();
const FIRST_ID = '"id":"fan-';

/** The send time of a frame's first reading, without parsing the frame. */
function firstSentAt(frame: string): number | null {
  const at = frame.indexOf(FIRST_ID);
  if (at < 0) return null;
  const start = at + FIRST_ID.length;
  return Number(frame.slice(start, frame.indexOf('-', start)));
}

/**
 * socket.io-parser's decoder, except that event packets (`2["name",…]`) are handed on as the raw
 * string: the client still does the handshake, the heartbeats and the auth, but not the parse.
 */
class UnparsedEventDecoder extends socketIoParser.Decoder {
  override add(chunk: unknown): void {
    if (typeof chunk === 'string' && chunk.startsWith('2["')) {
      const name = chunk.slice(3, chunk.indexOf('"', 3));
      const packet = { type: socketIoParser.PacketType.EVENT, nsp: '/', data: [name, chunk] };
      this.emitReserved('decoded', packet);
      return;
    }
    super.add(chunk);
  }
}
const unparsed = { ...socketIoParser, Decoder: UnparsedEventDecoder };

if (process.send && process.argv[1] && import.meta.url.endsWith(process.argv[1])) {
  const histogram = new LatencyHistogram();
  const frameHistogram = new LatencyHistogram();
  const sockets: Socket[] = [];
  const idleSockets: Socket[] = [];
  const raws: WebSocket[] = [];
  let measured = 0;
  let recording = false;
  let recordingSince = 0;
  let cpuSince = process.cpuUsage();
  let events = 0;
  let batches = 0;

  /** A measuring client's batch, parsed: every reading timed. */
  const receive = (batch: unknown) => {
    if (!recording || !Array.isArray(batch)) return;
    const now = wallNow();
    batches += 1;
    let first = true;
    for (const event of batch as { id: string }[]) {
      events += 1;
      if (!event.id.startsWith('fan-')) continue;
      const latency = now - sentAtOf(event.id);
      histogram.record(latency);
      if (first) frameHistogram.record(latency);
      first = false;
    }
  };

  /** Any other client's frame, unparsed: only its first reading timed. */
  const receiveFrame = (frame: string) => {
    if (!recording) return;
    const sentAt = firstSentAt(frame);
    if (sentAt !== null) frameHistogram.record(wallNow() - sentAt);
  };

  const connectSocketIo = (request: ConnectRequest, measure: boolean) =>
    new Promise<void>((resolve, reject) => {
      const socket = io(request.url, {
        transports: ['websocket'],
        auth: {
          token: request.token ?? '',
          stream: request.stream ?? 'live',
          ...(request.afterSeq === undefined ? {} : { afterSeq: request.afterSeq }),
        },
        reconnection: false,
        forceNew: true,
        ...(measure ? {} : { parser: unparsed }),
      });
      (request.idle ? idleSockets : sockets).push(socket);
      // Connected and holding the picture: from here on the client only follows. A resumed
      // client gets no snapshot: connected is enough.
      socket.once(request.afterSeq === undefined ? 'snapshot' : 'connect', () => resolve());
      socket.once('connect_error', reject);
      if (!request.idle) socket.on('events', measure ? receive : receiveFrame);
    });

  const connectWs = (url: string, measure: boolean) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      raws.push(ws);
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.on('message', (data) =>
        measure ? receive(JSON.parse(data.toString())) : receiveFrame(data.toString()),
      );
    });

  serveRequests(
    {
      async connect(request: ConnectRequest) {
        const started = performance.now();
        const WAVE = 50;
        for (let done = 0; done < request.count; done += WAVE) {
          const wave = Math.min(WAVE, request.count - done);
          await Promise.all(
            Array.from({ length: wave }, (_, i) => {
              const every = request.measureEvery ?? MEASURE_EVERY;
              const measure = !request.idle && (done + i) % every === 0;
              if (measure) measured += 1;
              return request.kind === 'ws'
                ? connectWs(request.url, measure)
                : connectSocketIo(request, measure);
            }),
          );
        }
        return { seconds: (performance.now() - started) / 1000 };
      },
      record() {
        histogram.reset();
        frameHistogram.reset();
        events = 0;
        batches = 0;
        recording = true;
        recordingSince = performance.now();
        cpuSince = process.cpuUsage();
      },
      report(): DeliveryReport {
        recording = false;
        const cpu = process.cpuUsage(cpuSince);
        const seconds = (performance.now() - recordingSince) / 1000;
        return {
          cpuCores: (cpu.user + cpu.system) / 1e6 / seconds,
          clients: sockets.length + raws.length,
          measuredClients: measured,
          deliveries: histogram.count,
          events,
          batches,
          p50Ms: histogram.quantile(0.5),
          p99Ms: histogram.quantile(0.99),
          maxMs: histogram.max,
          frameP99Ms: frameHistogram.quantile(0.99),
          frames: frameHistogram.count,
          seconds,
        };
      },
      close() {
        measured = 0;
        for (const socket of sockets.splice(0)) socket.disconnect();
        for (const socket of idleSockets.splice(0)) socket.disconnect();
        for (const ws of raws.splice(0)) ws.terminate();
      },
    },
    async () => {
      for (const socket of [...sockets, ...idleSockets]) socket.disconnect();
      for (const ws of raws) ws.terminate();
    },
  );
}
