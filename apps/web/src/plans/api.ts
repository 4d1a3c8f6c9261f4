import { onStream } from '../api/commands';
import { apiUrl, request } from '../api/http';
import { useStore } from '../store/store';

/** Plan tasks, evacuations and handovers over the contract's HTTP routes. */
export function acknowledgeTask(taskId: string) {
  return request('POST', onStream(`/api/v1/tasks/${encodeURIComponent(taskId)}/ack`), 'CommandAck');
}

export function completeTask(
  taskId: string,
  body: { note?: string; finding?: { result: 'fine' | 'hazard'; note?: string } },
) {
  return request(
    'POST',
    onStream(`/api/v1/tasks/${encodeURIComponent(taskId)}/complete`),
    'CommandAck',
    body,
  );
}

export function recordEvacuation(body: { fromId: string; toSiteId: string; people: number }) {
  return request('POST', onStream('/api/v1/evacuations'), 'Created', body);
}

export function recordReturn(evacuationId: string) {
  return request(
    'POST',
    onStream(`/api/v1/evacuations/${encodeURIComponent(evacuationId)}/returned`),
    'CommandAck',
  );
}

export function recordHandover(note: string) {
  return request('POST', onStream('/api/v1/handovers'), 'CommandAck', { note });
}

/**
 * Opens the printable handover page in a new window: fetched with the session's token (a plain
 * link would carry none), then shown from a blob URL and printed from there.
 */
export async function openHandoverPage(): Promise<void> {
  const token = useStore.getState().session?.token;
  const response = await fetch(apiUrl(onStream('/api/v1/handover') + suffix()), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const html = await response.text();
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank');
}

function suffix(): string {
  return useStore.getState().picture.stream === 'live' ? '?format=html' : '&format=html';
}
