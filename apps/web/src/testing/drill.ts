import { toShanghaiIso, type Role, type State } from '@floodnet/domain';
import { vi } from 'vitest';
import type { DrillMarks, StreamReport } from '../api/drills';
import { applySnapshot } from '../store/picture';
import type { DrillInfo } from '../store/slices';
import { useStore } from '../store/store';
import { scenePicture } from './picture';
import { givenPicture } from './setup';

// A drill on screen for component tests, and a stand-in for the drills API that answers as the
// server's contract says and remembers what it was asked.

export const DRILL_FROM = Date.parse('2021-07-23T08:00:00+08:00');
export const DRILL_TO = Date.parse('2021-07-27T08:00:00+08:00');

export function givenDrill(
  role: Role | null,
  options: { id?: string; parentId?: string | null; at?: number; state?: State } = {},
): DrillInfo {
  const id = options.id ?? 'night';
  const stream = `drill:${id}`;
  givenPicture(role);
  const state = options.state ?? scenePicture();
  applySnapshot({ stream, seq: state.seq, state });
  const info: DrillInfo = {
    id,
    stream,
    name: 'In-Fa 2021',
    source: 'recording:in-fa-2021',
    kind: options.parentId ? 'fork' : 'recording',
    createdAt: null,
    parentId: options.parentId ?? null,
    forkAt: options.parentId ? (options.at ?? DRILL_FROM) : null,
    from: DRILL_FROM,
    to: DRILL_TO,
  };
  useStore.setState((store) => ({
    drills: {
      ...store.drills,
      following: stream,
      current: info,
      clock: { at: options.at ?? DRILL_FROM, speed: 60, playing: false, heardAt: Date.now() },
    },
  }));
  return info;
}

export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

/**
 * Stubs `fetch` with the drills API's answers; returns the requests it saw. Without `marks` it
 * answers the marks route as a server that has none (404 NOT_FOUND).
 */
export function fakeDrillServer(
  options: {
    drill?: DrillInfo;
    report?: StreamReport | null;
    marks?: (drillId: string) => DrillMarks;
  } = {},
): SentRequest[] {
  const sent: SentRequest[] = [];
  const known = new Map<string, DrillInfo>();
  if (options.drill) known.set(options.drill.id, options.drill);
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://floodnet.test');
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
      sent.push({ method, path: `${url.pathname}${url.search}`, body });
      if (url.pathname === '/api/v1/reports') {
        if (!options.report) return json({ error: { code: 'UNKNOWN_STREAM', message: '' } }, 404);
        const { comparison, ...report } = options.report;
        return json({ stream: report.stream, clockAt: null, report, comparison });
      }
      const drill = known.get(url.pathname.split('/')[4] ?? '');
      if (method === 'GET' && drill && url.pathname.endsWith('/marks')) {
        if (!options.marks) return json({ error: { code: 'NOT_FOUND', message: '' } }, 404);
        return json(options.marks(drill.id));
      }
      if (method === 'GET' && drill) return json(drillRecord(drill));
      if (method === 'POST' && url.pathname.endsWith('/clock')) {
        const at = (body as { at?: string }).at ?? '2021-07-23T08:00:00+08:00';
        return json({ at, seq: 42 });
      }
      if (method === 'POST' && drill && url.pathname.endsWith('/fork')) {
        const fork: DrillInfo = {
          ...drill,
          id: `${drill.id}-fork`,
          stream: `drill:${drill.id}-fork`,
          kind: 'fork',
          parentId: drill.id,
          forkAt: DRILL_FROM,
        };
        known.set(fork.id, fork);
        return json(drillRecord(fork), 201);
      }
      return json({ error: { code: 'NOT_FOUND', message: url.pathname } }, 404);
    }),
  );
  return sent;
}

/** A drill as the server describes it (`DrillSchema`: times as ISO strings). */
function drillRecord(drill: DrillInfo) {
  return {
    id: drill.id,
    stream: drill.stream,
    name: drill.name,
    source: drill.source,
    kind: drill.kind,
    createdAt: '2026-01-01T00:00:00+08:00',
    parentId: drill.parentId,
    forkAt: drill.forkAt === null ? null : toShanghaiIso(drill.forkAt),
    clockAt: '2021-07-23T08:00:00+08:00',
    seq: 42,
    speed: 60,
    playing: false,
    events: 1000,
    from: '2021-07-23T08:00:00+08:00',
    to: '2021-07-27T08:00:00+08:00',
  };
}

/** A small report: two alarms and an incident at known times. */
export function givenReport(stream: string): StreamReport {
  const hour = 3600_000;
  return {
    stream,
    forecasts: [],
    from: DRILL_FROM,
    to: DRILL_TO,
    plans: {
      plansActivated: 0,
      units: [],
      findings: [],
      hazardsFound: 0,
      hazardsFixed: 0,
      people: { moved: 0, returned: 0, byDay: {}, byJiezhen: {} },
    },
    incidents: [
      {
        id: 'incident-1',
        kind: 'underpass-flooded',
        pointId: null,
        reportedAt: DRILL_FROM + 48 * hour,
        assignedAt: DRILL_FROM + 48 * hour + 6 * 60_000,
        onSceneAt: null,
        resolvedAt: null,
        minutesToAssign: 6,
      },
    ],
    alarms: [
      {
        id: 'alert-1',
        kind: 'waterlogging',
        subjectId: 'underpass-hengshan',
        severity: 'red',
        raisedAt: DRILL_FROM + 24 * hour,
        acknowledgedAt: DRILL_FROM + 24 * hour + 3 * 60_000,
        minutesToAcknowledge: 3,
      },
      {
        id: 'alert-2',
        kind: 'tide',
        subjectId: 'tide-huangpu-park',
        severity: 'blue',
        raisedAt: DRILL_FROM + 72 * hour,
        acknowledgedAt: null,
        minutesToAcknowledge: null,
      },
    ],
    utilisation: [
      { hourStart: DRILL_FROM, busyUnitHours: 3, share: 0.1 },
      { hourStart: DRILL_FROM + hour, busyUnitHours: 15, share: 0.5 },
    ],
    movement: { travel: [], meanTravelMinutes: null, materialsUsed: [], checkInsMissed: [] },
    summary: {
      incidents: 1,
      meanMinutesToAssign: 6,
      worstMinutesToAssign: 6,
      openAtEnd: 1,
      alarms: 2,
      meanMinutesToAcknowledge: 3,
      unacknowledgedAtEnd: 1,
      deepestWaterloggingCm: 38,
      deepestAt: 'underpass-hengshan@2021-07-25T14:32:00+08:00',
    },
  };
}

/**
 * The whole recording's marks as the server gives them: an alarm raised on the first evening and
 * escalated to red the next morning, and the worst hour on 26 July, all beyond a clock at the start.
 */
export function givenMarks(): DrillMarks {
  return {
    from: '2021-07-23T08:00:00+08:00',
    to: '2021-07-27T08:00:00+08:00',
    alarms: [
      {
        at: '2021-07-23T20:00:00+08:00',
        severity: 'blue',
        kind: 'tide',
        subjectId: 'tide-huangpu-park',
      },
      {
        at: '2021-07-24T08:00:00+08:00',
        severity: 'red',
        kind: 'tide',
        subjectId: 'tide-huangpu-park',
      },
      {
        at: '2021-07-26T08:00:00+08:00',
        severity: 'red',
        kind: 'underpass-closure',
        subjectId: 'underpass-hengshan',
      },
    ],
    incidents: [{ at: '2021-07-26T08:04:00+08:00', kind: 'underpass-flooded' }],
  };
}
