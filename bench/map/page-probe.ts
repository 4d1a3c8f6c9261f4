// Runs in the page before the app's own scripts (Playwright's addInitScript): counts animation
// frames, the gaps between them, and long tasks, and hands them to the benchmark four times a
// second through an exposed function. The benchmark keeps the time of each report itself, so a
// page whose main thread is stuck cannot hold the measurement up: it simply stops reporting.
// Plain JavaScript in a string: a function compiled here would carry the TypeScript loader's
// helpers into the page.

export const REPORT_BINDING = '__floodnetBenchReport';

export const PAGE_PROBE = `(() => {
  let frames = 0, gaps = [], last = 0, longTasks = [];
  const onFrame = (time) => {
    frames += 1;
    if (last > 0) gaps.push(time - last);
    last = time;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  setInterval(() => {
    const state = document.querySelector('[data-testid="connection-state"]');
    const status = state ? state.getAttribute('data-status') : null;
    const report = { frames, gaps, longTasks, status };
    frames = 0; gaps = []; longTasks = [];
    window.${REPORT_BINDING}?.(report);
  }, 250);
})();`;

export interface ProbeReport {
  frames: number;
  /** Gaps between consecutive frames, ms. */
  gaps: number[];
  /** Durations of the long tasks (> 50 ms) that ended since the last report, ms. */
  longTasks: number[];
  /** The app's connection state (`live`, `reconnecting`, …), from its top bar. */
  status: string | null;
}

/** The reports as they arrive, stamped with this process's clock. */
export class ProbeCollector {
  private readonly reports: { at: number; report: ProbeReport }[] = [];

  receive(report: ProbeReport): void {
    this.reports.push({ at: performance.now(), report });
  }

  /**
   * What the page reported between `from` and `to`. A page silent at the end is inside a task
   * that has not ended: it counts as one long task lasting at least since its last report.
   */
  window(from: number, to: number) {
    const inside = this.reports.filter(({ at }) => at > from && at <= to);
    const frames = inside.reduce((sum, { report }) => sum + report.frames, 0);
    const gaps = inside.flatMap(({ report }) => report.gaps);
    const longTasks = inside.flatMap(({ report }) => report.longTasks);
    let dropped = 0;
    for (let i = 1; i < inside.length; i += 1) {
      const [before, now] = [inside[i - 1]!.report.status, inside[i]!.report.status];
      if (before === 'live' && now !== 'live') dropped += 1;
    }
    const lastReport = inside.at(-1)?.at ?? from;
    const silentMs = to - lastReport;
    if (silentMs > 1000) {
      longTasks.push(silentMs);
      gaps.push(silentMs);
    }
    const seconds = (to - from) / 1000;
    return { seconds, frames, gaps, longTasks, silentAtEndMs: silentMs, connectionDrops: dropped };
  }
}
