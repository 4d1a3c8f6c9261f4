import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** The machine's CPU ticks so far (all cores), from /proc/stat: busy and total. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
    const total = ticks.reduce((sum, value) => sum + value, 0);
    return { busy: total - idle, total };
  } catch {
    return null; // not Linux
  }
}

/**
 * How many cores the whole machine kept busy over a window (the benchmark's own processes
 * included), to tell a figure measured on a quiet machine from one measured beside other work.
 */
export function machineLoad(): { stop(): number | null } {
  const start = machineTicks();
  return {
    stop() {
      const end = machineTicks();
      if (!start || !end || end.total === start.total) return null;
      return ((end.busy - start.busy) / (end.total - start.total)) * availableParallelism();
    },
  };
}

/**
 * CPU seconds used so far by every process whose command line contains `marker` (a browser's
 * profile folder, say), from /proc; 0 where /proc is not there.
 */
export function processesCpuSeconds(marker: string): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let total = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Cores used by other work: the machine's busy cores less the benchmark's own. */
export function otherCores(machineBusy: number | null, own: number): number | null {
  return machineBusy === null ? null : Math.max(0, machineBusy - own);
}
