import type {
  AfterActionReport,
  AlertKind,
  IncidentKind,
  ReportComparison,
  Severity,
} from '@floodnet/domain';
import type { DrillClock, DrillInfo } from '../store/slices';
import { useStore } from '../store/store';
import { ApiError, apiUrl, request } from './http';

// Drills over HTTP: import a recording or an NDJSON log, list, follow, drive the clock, fork,
// and the after-action report. Times may come as ISO strings or epoch ms: both are read as ms.

/** A drill as the server sends it; fields beyond the contract's are tolerated. */
export interface DrillRecord {
  id: string;
  stream: string;
  name?: string;
  source?: string;
  kind?: 'recording' | 'fork';
  createdAt?: string | number;
  parentId?: string | null;
  forkAt?: string | number | null;
  clockAt?: string | number | null;
  speed?: number;
  playing?: boolean;
  from?: string | number | null;
  to?: string | number | null;
}

export interface DrillCreated {
  id: string;
  stream: string;
  events: number;
  from: string | number;
  to: string | number;
}

export type ClockAction =
  | { action: 'play' }
  | { action: 'pause' }
  | { action: 'seek'; at: string }
  | { action: 'speed'; speed: number };

/** The report of a stream; a fork's carries the comparison with its original. */
export type StreamReport = AfterActionReport & { comparison?: ReportComparison[] };

/**
 * What `GET /api/v1/reports?format=json` answers: the report (a drill's up to its clock), and for
 * a fork its original over the same period and the comparison.
 */
interface ReportAnswer {
  stream: string;
  clockAt: string | null;
  report: AfterActionReport;
  original?: { stream: string; report: AfterActionReport };
  comparison?: ReportComparison[];
}

/**
 * What `GET /api/v1/drills/:id/marks` answers: every alarm (raised, or escalated to a new
 * severity) and incident of the whole recording, whatever the clock; a fork's own past up to its
 * clock, then its original's after it.
 */
export interface DrillMarks {
  from: string;
  to: string;
  alarms: { at: string; severity: Severity; kind: AlertKind; subjectId: string }[];
  incidents: { at: string; kind: IncidentKind }[];
}

export const SPEEDS = [1, 60, 600, 3600] as const;

export function toMs(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

export function drillInfo(record: DrillRecord): DrillInfo {
  return {
    id: record.id,
    stream: record.stream,
    name: record.name ?? record.id,
    source: record.source ?? '',
    kind: record.kind ?? (record.parentId ? 'fork' : 'recording'),
    createdAt: toMs(record.createdAt),
    parentId: record.parentId ?? null,
    forkAt: toMs(record.forkAt),
    from: toMs(record.from),
    to: toMs(record.to),
  };
}

export function drillClock(record: DrillRecord, heardAt: number): DrillClock | null {
  const at = toMs(record.clockAt);
  if (at === null) return null;
  return { at, speed: record.speed ?? 1, playing: record.playing ?? false, heardAt };
}

const drillPath = (id: string) => `/api/v1/drills/${encodeURIComponent(id)}`;

export function listDrills() {
  return request<DrillRecord[] | { drills: DrillRecord[] }>('GET', '/api/v1/drills').then((body) =>
    Array.isArray(body) ? body : body.drills,
  );
}

export function getDrill(id: string) {
  return request<DrillRecord>('GET', drillPath(id));
}

export function deleteDrill(id: string) {
  return request<unknown>('DELETE', drillPath(id));
}

export function importRecording(recording: string, name?: string) {
  return request<DrillCreated>(
    'POST',
    '/api/v1/drills',
    name ? { recording, name } : { recording },
  );
}

export function driveClock(id: string, action: ClockAction) {
  return request<{ at: string | number; seq: number }>('POST', `${drillPath(id)}/clock`, action);
}

export function forkDrill(id: string, name?: string) {
  return request<DrillRecord>('POST', `${drillPath(id)}/fork`, name ? { name } : {});
}

export function fetchMarks(id: string) {
  return request<DrillMarks>('GET', `${drillPath(id)}/marks`);
}

const reportPath = (stream: string, format: 'json' | 'html' | 'csv') =>
  `/api/v1/reports?stream=${encodeURIComponent(stream)}&format=${format}`;

export async function fetchReport(stream: string): Promise<StreamReport> {
  const answer = await request<ReportAnswer | StreamReport>('GET', reportPath(stream, 'json'));
  // The report itself, or (as documented first) the bare report: both are read.
  if ('report' in answer) return { ...answer.report, comparison: answer.comparison };
  return answer;
}

/**
 * Uploads an NDJSON log as a new drill. XMLHttpRequest rather than fetch: only it reports upload
 * progress, and a million-event log takes a while. The browser streams the File from disk.
 */
export function uploadLog(
  file: Blob,
  onProgress: (sent: number, total: number) => void,
  name?: string,
): { done: Promise<DrillCreated>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<DrillCreated>((resolve, reject) => {
    const path = name ? `/api/v1/drills?name=${encodeURIComponent(name)}` : '/api/v1/drills';
    xhr.open('POST', apiUrl(path));
    const token = useStore.getState().session?.token;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/x-ndjson');
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as DrillCreated);
        return;
      }
      if (xhr.status === 401) useStore.setState({ session: null });
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? `HTTP_${xhr.status}`,
          error?.message ?? xhr.statusText,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'aborted'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/**
 * Downloads the report as HTML or CSV. A plain link would carry no token, so it is fetched with
 * the session's Authorization header and handed to the browser as a file.
 */
export async function downloadReport(stream: string, format: 'html' | 'csv'): Promise<void> {
  const token = useStore.getState().session?.token;
  const response = await fetch(apiUrl(reportPath(stream, format)), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const error = (
      parseJson(await response.text()) as { error?: { code?: string; message?: string } }
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? '',
    );
  }
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `report-${stream.replace(/[^a-z0-9-]+/gi, '-')}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
