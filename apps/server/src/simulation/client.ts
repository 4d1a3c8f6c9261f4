import { capAlertToXml, MAX_READINGS_PER_BATCH, type Actor, type Reading } from '@floodnet/domain';
import type { TimedCommand } from '@floodnet/sim';

/** A credential, or a way to get the current one (tokens expire after a shift). */
export type Credential = string | (() => string);

/** The credentials the simulation acts with: a gauge network's key and two people's tokens. */
export interface SimulationCredentials {
  apiKey: Credential;
  dutyToken: Credential;
  commanderToken: Credential;
  /** A token for a bound account (a property manager, a squad leader), for their own commands. */
  boundToken?: (actor: Actor) => Credential;
}

export function credential(value: Credential): string {
  return typeof value === 'function' ? value() : value;
}

/** One HTTP request of the contract that carries a scenario command. */
export interface ApiRequest {
  method: 'POST' | 'PUT';
  path: string;
  token: Credential;
  body?: unknown;
  /** A body sent as is (CAP XML) with its content type, instead of `body` as JSON. */
  raw?: { text: string; contentType: string };
  /** What it stands for, for log lines. */
  label: string;
}

/** What came of sending a request. */
export type Sent =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'failed'; reason: string };

const enc = encodeURIComponent;
const RECEIPT_PATH = {
  markNoticeDelivered: 'delivered',
  readNotice: 'read',
  acknowledgeNotice: 'ack',
} as const;

/**
 * Turns the scenario's commands into the contract's HTTP requests, the same a gauge network and
 * a command room's browsers send. Consecutive reading batches are merged (up to the contract's
 * batch limit) so a fast clock does not mean more requests.
 */
export function toRequests(
  commands: TimedCommand[],
  credentials: SimulationCredentials,
): ApiRequest[] {
  const requests: ApiRequest[] = [];
  let readings: Reading[] = [];
  const flush = () => {
    for (let i = 0; i < readings.length; i += MAX_READINGS_PER_BATCH) {
      const batch = readings.slice(i, i + MAX_READINGS_PER_BATCH);
      requests.push({
        method: 'POST',
        path: '/api/v1/readings',
        token: credentials.apiKey,
        body: { readings: batch },
        label: `${batch.length} readings up to ${batch[batch.length - 1]!.at}`,
      });
    }
    readings = [];
  };
  for (const { actor, command } of commands) {
    if (command.type === 'recordReadings') {
      readings.push(...command.readings);
      continue;
    }
    flush();
    const token = actor.role === 'commander' ? credentials.commanderToken : credentials.dutyToken;
    switch (command.type) {
      case 'reportTyphoonPosition': {
        const { type: _type, ...position } = command;
        requests.push({
          method: 'POST',
          path: '/api/v1/typhoon/positions',
          token: credentials.apiKey,
          body: position,
          label: `typhoon at ${position.at}`,
        });
        break;
      }
      case 'reportIncident': {
        const { type: _type, ...body } = command;
        requests.push({
          method: 'POST',
          path: '/api/v1/incidents',
          token,
          body,
          label: `report ${body.kind} at ${body.pointId ?? '-'}`,
        });
        break;
      }
      case 'assignSquad':
        requests.push({
          method: 'POST',
          path: `/api/v1/incidents/${enc(command.incidentId)}/assign`,
          token,
          body: { squadId: command.squadId },
          label: `assign ${command.squadId} to ${command.incidentId}`,
        });
        break;
      case 'resolveIncident':
        requests.push({
          method: 'POST',
          path: `/api/v1/incidents/${enc(command.incidentId)}/resolve`,
          token,
          label: `resolve ${command.incidentId}`,
        });
        break;
      case 'changeSquadStatus':
        requests.push({
          method: 'POST',
          path: `/api/v1/squads/${enc(command.squadId)}/status`,
          token,
          body: { status: command.status },
          label: `${command.squadId} ${command.status}`,
        });
        break;
      case 'acknowledgeAlert':
        requests.push({
          method: 'POST',
          path: `/api/v1/alerts/${enc(command.alertId)}/ack`,
          token,
          label: `ack ${command.alertId}`,
        });
        break;
      case 'setResponseLevel':
        requests.push({
          method: 'PUT',
          path: '/api/v1/response-level',
          token,
          body: { level: command.level },
          label: `response level ${command.level ?? 'none'}`,
        });
        break;
      case 'acknowledgeTask':
        requests.push({
          method: 'POST',
          path: `/api/v1/tasks/${enc(command.taskId)}/ack`,
          token,
          label: `ack task ${command.taskId}`,
        });
        break;
      case 'completeTask': {
        const { type: _type, taskId, ...body } = command;
        requests.push({
          method: 'POST',
          path: `/api/v1/tasks/${enc(taskId)}/complete`,
          token,
          body,
          label: `complete task ${taskId}`,
        });
        break;
      }
      case 'recordEvacuation':
        requests.push({
          method: 'POST',
          path: '/api/v1/evacuations',
          token,
          body: { fromId: command.fromId, toSiteId: command.toSiteId, people: command.people },
          label: `move ${command.people} from ${command.fromId} to ${command.toSiteId}`,
        });
        break;
      case 'recordReturn':
        requests.push({
          method: 'POST',
          path: `/api/v1/evacuations/${enc(command.evacuationId)}/returned`,
          token,
          label: `returned ${command.evacuationId}`,
        });
        break;
      case 'handOverShift':
        requests.push({
          method: 'POST',
          path: '/api/v1/handovers',
          token,
          body: { note: command.note },
          label: 'shift handover',
        });
        break;
      case 'issueNotice': {
        const { type: _type, ...body } = command;
        requests.push({
          method: 'POST',
          path: '/api/v1/notices',
          token,
          body,
          label: `notice ${body.title}`,
        });
        break;
      }
      case 'markNoticeDelivered':
      case 'readNotice':
      case 'acknowledgeNotice': {
        if (!credentials.boundToken) break;
        const step = RECEIPT_PATH[command.type];
        requests.push({
          method: 'POST',
          path: `/api/v1/notices/${enc(command.noticeId)}/${step}`,
          token: credentials.boundToken(actor),
          ...(step === 'ack' ? { body: {} } : {}),
          label: `${command.recipientId} ${step} ${command.noticeId}`,
        });
        break;
      }
      case 'reportFromCompound': {
        if (!credentials.boundToken) break;
        const { type: _type, compoundId: _compoundId, ...body } = command;
        requests.push({
          method: 'POST',
          path: '/api/v1/compound-reports',
          token: credentials.boundToken(actor),
          body,
          label: `${command.compoundId} reports ${body.kind}`,
        });
        break;
      }
      case 'recordPositions':
        requests.push({
          method: 'POST',
          path: '/api/v1/positions',
          token: credentials.apiKey,
          body: { positions: command.positions },
          label: `${command.positions.length} positions`,
        });
        break;
      case 'requestMaterials': {
        const { type: _type, incidentId, ...body } = command;
        requests.push({
          method: 'POST',
          path: `/api/v1/incidents/${enc(incidentId)}/materials`,
          token,
          body,
          label: `materials from ${body.fromId} to ${incidentId}`,
        });
        break;
      }
      case 'advanceMaterials':
        requests.push({
          method: 'POST',
          path: `/api/v1/materials/${enc(command.requestId)}/${command.step}`,
          token,
          body: command.returned ? { items: command.returned } : {},
          label: `materials ${command.requestId} ${command.step}`,
        });
        break;
      case 'checkIn':
        requests.push({
          method: 'POST',
          path: `/api/v1/squads/${enc(command.squadId)}/check-in`,
          token,
          body: command.note ? { note: command.note } : {},
          label: `${command.squadId} checks in`,
        });
        break;
      case 'receiveWarning':
        // The issuers publish CAP XML: the simulation sends it as they would.
        requests.push({
          method: 'POST',
          path: '/api/v1/warnings',
          token: credentials.apiKey,
          raw: { text: capAlertToXml(command.alert), contentType: 'application/cap+xml' },
          label: `CAP ${command.alert.msgType} ${command.alert.identifier}`,
        });
        break;
      case 'issueForecast': {
        const { type: _type, ...body } = command;
        requests.push({
          method: 'POST',
          path: '/api/v1/forecasts',
          token: credentials.apiKey,
          body,
          label: `forecast ${body.id}`,
        });
        break;
      }
      case 'registerAssets':
      case 'registerPlans':
      case 'checkTasks':
      case 'checkSensors':
      case 'checkCheckIns':
      case 'checkNotices':
      case 'registerWebhook':
      case 'recordWebhookDelivery':
      case 'recordWebhookFailure':
      case 'checkWarnings':
        // The server registers its own catalogue and checks its own sensors.
        break;
      default: {
        const unexpected: never = command;
        throw new Error(`unexpected command ${JSON.stringify(unexpected)}`);
      }
    }
  }
  flush();
  return requests;
}

/** Sends one request; never throws. */
export async function send(
  baseUrl: string,
  request: ApiRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<Sent> {
  try {
    const response = await fetchImpl(baseUrl + request.path, {
      method: request.method,
      headers: {
        authorization: `Bearer ${credential(request.token)}`,
        ...(request.raw
          ? { 'content-type': request.raw.contentType }
          : request.body === undefined
            ? {}
            : { 'content-type': 'application/json' }),
      },
      body:
        request.raw?.text ??
        (request.body === undefined ? undefined : JSON.stringify(request.body)),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: kept as text
    }
    if (response.ok) return { kind: 'ok', status: response.status, body };
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    if (response.status >= 500 || response.status === 429 || response.status === 401) {
      return { kind: 'failed', reason: `${response.status} ${error?.code ?? ''}`.trim() };
    }
    return {
      kind: 'refused',
      status: response.status,
      code: error?.code ?? String(response.status),
      message: error?.message ?? text,
    };
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}
