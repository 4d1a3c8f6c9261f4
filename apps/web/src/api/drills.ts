import type {
  ClockBody,
  Drill,
  DrillMarks,
  ReportAnswer,
  ReportComparison,
} from '@floodnet/domain';
import type { AfterActionReport } from '@floodnet/domain';
import type { DrillClock, DrillInfo } from '../store/slices';
import { useStore } from '../store/store';
import { checkAnswer } from './check';
import { ApiError, apiUrl, parseJson, refusal, request, requestNoContent } from './http';

// Drills over HTTP: import a recording or an NDJSON log, list, follow, drive the clock, fork,
// and the after-action report. Every answer is checked against the contract's schema (the
// domain's `DrillSchema`, `ClockAnswerSchema`, …); the store keeps times as epoch ms.

export type { Drill, DrillMarks };

export type ClockAction = ClockBody &
  (
    | { action: 'play' }
    | { action: 'pause' }
    | { action: 'seek'; at: string }
    | { action: 'speed'; speed: number }
  );

/** The report of a stream; a fork's carries the comparison with its original. */
export type StreamReport = AfterActionReport & { comparison?: ReportComparison[] };

export const SPEEDS = [1, 60, 600, 3600] as const;

export function toMs(value: string | null): number | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

export function drillInfo(record: Drill): DrillInfo {
  return {
    id: record.id,
    stream: record.stream,
    name: record.name,
    source: record.source,
    kind: record.kind,
    createdAt: toMs(record.createdAt),
    parentId: record.parentId,
    forkAt: toMs(record.forkAt),
    from: toMs(record.from),
    to: toMs(record.to),
  };
}

export function drillClock(record: Drill, heardAt: number): DrillClock | null {
  const at = toMs(record.clockAt);
  if (at === null) return null;
  return { at, speed: record.speed, playing: record.playing, heardAt };
}

const drillPath = (id: string) => `/api/v1/drills/${encodeURIComponent(id)}`;

export async function listDrills(): Promise<Drill[]> {
  return (await request('GET', '/api/v1/drills', 'DrillList')).drills;
}

export function getDrill(id: string) {
  return request('GET', drillPath(id), 'Drill');
}

export function deleteDrill(id: string) {
  return requestNoContent('DELETE', drillPath(id));
}

export function importRecording(recording: string, name?: string) {
  return request('POST', '/api/v1/drills', 'Drill', name ? { recording, name } : { recording });
}

export function driveClock(id: string, action: ClockAction) {
  return request('POST', `${drillPath(id)}/clock`, 'Clock', action);
}

export function forkDrill(id: string, name?: string) {
  return request('POST', `${drillPath(id)}/fork`, 'Drill', name ? { name } : {});
}

export function fetchMarks(id: string) {
  return request('GET', `${drillPath(id)}/marks`, 'Marks');
}

const reportPath = (stream: string, format: 'json' | 'html' | 'csv') =>
  `/api/v1/reports?stream=${encodeURIComponent(stream)}&format=${format}`;

export async function fetchReport(stream: string): Promise<StreamReport> {
  const answer: ReportAnswer = await request('GET', reportPath(stream, 'json'), 'Report');
  return { ...answer.report, comparison: answer.comparison };
}

/**
 * Uploads an NDJSON log as a new drill. XMLHttpRequest rather than fetch: only it reports upload
 * progress, and a million-event log takes a while. The browser streams the File from disk.
 */
export function uploadLog(
  file: Blob,
  onProgress: (sent: number, total: number) => void,
  name?: string,
): { done: Promise<Drill>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Drill>((resolve, reject) => {
    const path = name ? `/api/v1/drills?name=${encodeURIComponent(name)}` : '/api/v1/drills';
    xhr.open('POST', apiUrl(path));
    const token = useStore.getState().session?.token;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/x-ndjson');
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(checkAnswer('Drill', body, 'POST /api/v1/drills', xhr.status));
        } catch (error) {
          reject(error);
        }
        return;
      }
      if (xhr.status === 401) useStore.setState({ session: null });
      reject(refusal(xhr.status, xhr.statusText, body));
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
    throw refusal(response.status, response.statusText, parseJson(await response.text()));
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
