import type { IncidentKind, LatLng, ResponseLevel, Role, SquadStatus } from '@floodnet/domain';
import { useStore } from '../store/store';
import { request } from './http';

/**
 * The stream a command is meant for: the one on screen. On a drill (or a trainee's fork) the
 * ordinary command routes take `?stream=drill:<id>`, and `live` never hears of it.
 */
export function onStream(path: string): string {
  const stream = useStore.getState().picture.stream;
  return stream === 'live' ? path : `${path}?stream=${encodeURIComponent(stream)}`;
}

/** The contract's commands, one function each; the server answers with events on the stream. */
export function signIn(username: string, password: string) {
  return request('POST', '/api/v1/session', 'Session', { username, password });
}

export function reportIncident(body: {
  kind: IncidentKind;
  location: LatLng;
  pointId?: string;
  description: string;
}) {
  return request('POST', onStream('/api/v1/incidents'), 'Created', body);
}

export function assignSquad(incidentId: string, squadId: string) {
  return request(
    'POST',
    onStream(`/api/v1/incidents/${encodeURIComponent(incidentId)}/assign`),
    'CommandAck',
    { squadId },
  );
}

export function resolveIncident(incidentId: string) {
  return request(
    'POST',
    onStream(`/api/v1/incidents/${encodeURIComponent(incidentId)}/resolve`),
    'CommandAck',
  );
}

export function changeSquadStatus(squadId: string, status: SquadStatus) {
  return request(
    'POST',
    onStream(`/api/v1/squads/${encodeURIComponent(squadId)}/status`),
    'CommandAck',
    {
      status,
    },
  );
}

export function acknowledgeAlert(alertId: string) {
  return request(
    'POST',
    onStream(`/api/v1/alerts/${encodeURIComponent(alertId)}/ack`),
    'CommandAck',
  );
}

export function setResponseLevel(level: ResponseLevel | null) {
  return request('PUT', onStream('/api/v1/response-level'), 'CommandAck', { level });
}

export function createUser(username: string, password: string, role: Role) {
  return request('POST', '/api/v1/users', 'UserCreated', { username, password, role });
}

export function createApiKey(name: string) {
  return request('POST', '/api/v1/keys', 'KeyIssued', { name });
}
