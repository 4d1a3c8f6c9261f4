import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `--cpu-prof` runs leave their profiles. */
export const PROFILE_DIR = fileURLToPath(new URL('../.cache/profiles/', import.meta.url));

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

type Handler = (payload: never) => unknown;

/** A benchmark process of its own (server, clients), driven by request/reply over IPC. */
export interface Child {
  readonly pid: number;
  request<T>(type: string, payload?: unknown): Promise<T>;
  /** Asks the child to finish (so a CPU profile is written), then waits for it to exit. */
  stop(): Promise<void>;
}

export interface ForkOptions {
  /** `global.gc` for memory figures. */
  exposeGc?: boolean;
  /**
   * Writes V8 CPU profiles of the child into PROFILE_DIR/<name>/ when it exits (one per thread:
   * the largest is the main thread's; the others belong to the TypeScript loader).
   */
  cpuProfile?: string | null;
}

/**
 * Forks a TypeScript module with the loader this process runs under (tsx), so children need no
 * build step. A child that outlives its parent exits on its own (see `serveRequests`).
 */
export function forkChild(module: URL, options: ForkOptions = {}): Child {
  const execArgv = [...process.execArgv];
  if (options.exposeGc) execArgv.push('--expose-gc');
  if (options.cpuProfile) {
    const dir = join(PROFILE_DIR, options.cpuProfile);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const child: ChildProcess = fork(fileURLToPath(module), [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (message: Reply) => {
    const waiter = waiting.get(message.id);
    if (!waiter) return;
    waiting.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(message.error));
  });
  child.once('exit', (code) => {
    for (const waiter of waiting.values()) waiter.reject(new Error(`child exited (${code})`));
    waiting.clear();
  });
  return {
    pid: child.pid!,
    request<T>(type: string, payload?: unknown): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, type, payload });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ id: 0, type: 'exit' });
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** The child side: answers each request with its handler's result. */
export function serveRequests(handlers: Record<string, Handler>, onExit?: () => Promise<void>) {
  const finish = async () => {
    await onExit?.().catch(() => undefined);
    process.exit(0);
  };
  process.on('disconnect', () => void finish());
  process.on('message', async (message: { id: number; type: string; payload: never }) => {
    if (message.type === 'exit') return void finish();
    const handler = handlers[message.type];
    try {
      if (!handler) throw new Error(`no handler for ${message.type}`);
      const result = await handler(message.payload);
      process.send?.({ id: message.id, ok: true, result } satisfies Reply);
    } catch (error) {
      process.send?.({ id: message.id, ok: false, error: String(error) } satisfies Reply);
    }
  });
}
