import type { MaterialStep, Quantities } from '@floodnet/domain';
import { onStream } from '../api/commands';
import { request } from '../api/http';

const enc = encodeURIComponent;

/** Sends materials from a store to an incident; 409 INSUFFICIENT_STOCK says what is left. */
export function requestMaterials(
  incidentId: string,
  body: { fromId: string; items: Quantities; vehicleId?: string },
) {
  return request(
    'POST',
    onStream(`/api/v1/incidents/${enc(incidentId)}/materials`),
    'Created',
    body,
  );
}

export function advanceMaterials(requestId: string, step: MaterialStep) {
  return request('POST', onStream(`/api/v1/materials/${enc(requestId)}/${step}`), 'CommandAck', {});
}

export function checkInSquad(squadId: string) {
  return request('POST', onStream(`/api/v1/squads/${enc(squadId)}/check-in`), 'CommandAck', {});
}
