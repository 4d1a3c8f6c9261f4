import { createRequire } from 'node:module';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import { WRITE_SQL, type Synchronous } from './sqlite-schema';
import { WRITER_THREAD } from './sqlite-writer-thread';

/** Rows of one flush, column by column (cheaper to copy to the thread than one object a row). */
export interface RowsOp {
  op: 'rows';
  /** One entry per run of consecutive rows of a stream: its name, first seq and length. */
  streams: string[];
  firstSeqs: number[];
  counts: number[];
  ids: string[];
  types: string[];
  atMs: number[];
  ats: string[];
  datas: string[];
}

export type WriterOp =
  | RowsOp
  | { op: 'snapshot'; stream: string; seq: number; at: number | null; state: string }
  | { op: 'drop'; stream: string }
  /** `PRAGMA max_page_count` of the writing connection: a ceiling on the file's size. */
  | { op: 'maxPages'; pages: number };

interface Reply {
  tickets: number[];
  error?: { message: string; name?: string; code?: string };
}

/** What the writer reports: these tickets were committed together, or failed with `error`. */
export type ReplyHandler = (tickets: number[], error: Error | null) => void;

/** A synchronous call waits this long for the thread before giving up. */
const SYNC_TIMEOUT_MS = 60_000;

/**
 * The main thread's handle on the writer thread (`sqlite-writer-thread.ts`). `post` hands work
 * over and returns its ticket; replies come back in ticket order to `onReply`, either on the
 * event loop or, inside `waitFor`, synchronously: the port is drained with
 * `receiveMessageOnPort` while the thread's counter is awaited with `Atomics.wait`.
 */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly replies: MessagePort;
  private readonly woken = new Int32Array(new SharedArrayBuffer(4));
  private nextTicket = 1;
  /** Every ticket up to this one has had its reply. */
  private settled = 0;
  private dead: Error | null = null;

  constructor(
    file: string,
    synchronous: Synchronous,
    private readonly onReply: ReplyHandler,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const channel = new MessageChannel();
    this.replies = channel.port1;
    this.worker = new Worker(WRITER_THREAD, {
      eval: true,
      workerData: {
        driver,
        file,
        synchronous,
        sql: WRITE_SQL,
        replies: channel.port2,
        signal: this.woken.buffer,
      },
      transferList: [channel.port2],
    });
    this.replies.on('message', (reply: Reply) => this.receive(reply));
    this.replies.unref();
    this.worker.unref();
    this.worker.on('error', (error) => this.die(error));
    this.worker.on('exit', () => this.die(new Error('The event log writer thread stopped')));
  }

  /** Hands `op` to the thread (after everything posted before it); returns its ticket. */
  post(op: WriterOp & { epoch: number }): number {
    const ticket = this.nextTicket;
    this.nextTicket += 1;
    if (this.dead) {
      const error = this.dead;
      queueMicrotask(() => this.settle([ticket], error));
    } else {
      this.worker.postMessage({ ...op, ticket });
    }
    // Keeps the process alive while a commit is owed to someone.
    this.replies.ref();
    return ticket;
  }

  /** Blocks until `ticket` has its reply (handled first); returns that reply's error, if any. */
  waitFor(ticket: number): Error | null {
    let failure: Error | null = null;
    const deadline = performance.now() + SYNC_TIMEOUT_MS;
    const watch: ReplyHandler = (tickets, error) => {
      if (error && tickets.includes(ticket)) failure = error;
    };
    while (this.settled < ticket) {
      const seen = Atomics.load(this.woken, 0);
      let message = receiveMessageOnPort(this.replies);
      while (message) {
        this.receive(message.message as Reply, watch);
        message = receiveMessageOnPort(this.replies);
      }
      if (this.settled >= ticket) break;
      if (this.dead) return this.dead;
      const left = deadline - performance.now();
      if (left <= 0) return new Error('The event log writer thread did not answer');
      Atomics.wait(this.woken, 0, seen, Math.min(left, 1000));
    }
    return failure;
  }

  /** Commits what was posted, checkpoints, closes the thread's connection and ends the thread. */
  async close(): Promise<void> {
    if (!this.dead) {
      const ticket = this.nextTicket;
      this.nextTicket += 1;
      this.worker.postMessage({ op: 'close', ticket });
      this.waitFor(ticket);
    }
    this.replies.close();
    await this.worker.terminate();
  }

  private receive(reply: Reply, watch?: ReplyHandler): void {
    this.settle(reply.tickets, reply.error ? toError(reply.error) : null, watch);
  }

  private settle(tickets: number[], error: Error | null, watch?: ReplyHandler): void {
    for (const ticket of tickets) this.settled = Math.max(this.settled, ticket);
    if (this.settled >= this.nextTicket - 1) this.replies.unref();
    watch?.(tickets, error);
    this.onReply(tickets, error);
  }

  private die(error: Error): void {
    if (this.dead) return;
    this.dead = error;
    // Everything posted and unanswered will never be: fail it.
    const owed: number[] = [];
    for (let ticket = this.settled + 1; ticket < this.nextTicket; ticket += 1) owed.push(ticket);
    if (owed.length > 0) this.settle(owed, error);
  }
}

function toError(described: NonNullable<Reply['error']>): Error {
  const error = new Error(described.message) as Error & { code?: string };
  if (described.name) error.name = described.name;
  if (described.code) error.code = described.code;
  return error;
}
