import type { CDPSession } from 'playwright-core';
import { printTable } from '../support/table';

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

/**
 * A Chrome performance trace of the page (the DevTools timeline categories), summarised as time
 * per kind of work on the renderer's main thread — Layout, style, paint and script — which a
 * V8 CPU profile lumps together as "(program)".
 */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<void>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,v8',
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await complete;
    summariseTrace(events);
  };
}

function summariseTrace(events: TraceEvent[]): void {
  const main = events.find(
    (event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  );
  if (!main) return;
  // Top-level slices only, so nested work is not counted twice.
  const TOP = new Set([
    'Layout',
    'UpdateLayoutTree',
    'Paint',
    'PrePaint',
    'Layerize',
    'UpdateLayer',
    'CompositeLayers',
    'FunctionCall',
    'EventDispatch',
    'TimerFire',
    'FireAnimationFrame',
    'RunMicrotasks',
    'ParseHTML',
    'HitTest',
    'GPUTask',
    'RasterTask',
  ]);
  const byName = new Map<string, { ms: number; count: number }>();
  for (const event of events) {
    if (event.ph !== 'X' || event.pid !== main.pid || event.tid !== main.tid) continue;
    if (!TOP.has(event.name)) continue;
    const entry = byName.get(event.name) ?? { ms: 0, count: 0 };
    entry.ms += (event.dur ?? 0) / 1000;
    entry.count += 1;
    byName.set(event.name, entry);
  }
  const rows = [...byName]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([name, { ms, count }]) => [name, ms, count]);
  printTable(
    'page main thread, Chrome trace (slices nest: style and layout forced by script count twice)',
    ['slice', 'ms', 'count'],
    rows,
  );
}
