// Test support (not exported): a tiny district and a storm driven through the domain's `decide`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decide,
  evolveAll,
  initialState,
  toShanghaiIso,
  type Actor,
  type Asset,
  type Command,
  type DomainEvent,
  type State,
} from '@floodnet/domain';
import type { EventLog } from './port';

const plausible = { kind: 'plausible', note: 'test fixture' } as const;
const place = { lat: 31.18, lng: 121.44, jiezhen: '310104016' };

export const ASSETS: Asset[] = [
  {
    ...place,
    id: 'team-longhua',
    kind: 'subdistrict-team',
    name: '龙华街道抢险队',
    nameEn: 'Longhua team',
    provenance: plausible,
    specialty: 'general',
    members: 30,
  },
  {
    ...place,
    id: 'squad-pump',
    kind: 'specialist-squad',
    name: '泵车抢险队',
    nameEn: 'Pump-truck squad',
    provenance: plausible,
    specialty: 'pump-truck',
    members: 12,
  },
  {
    ...place,
    id: 'rg-longhua',
    kind: 'rain-gauge',
    name: '龙华雨量站',
    nameEn: 'Longhua rain gauge',
    provenance: plausible,
    intervalSec: 300,
  },
  {
    ...place,
    id: 'wl-longhua',
    kind: 'waterlogging-point',
    name: '龙华路积水点',
    nameEn: 'Longhua Rd waterlogging point',
    provenance: plausible,
    thresholdCm: 15,
    intervalSec: 300,
  },
];

export const SYSTEM: Actor = { name: 'floodnet', role: 'system' };
export const SOURCE: Actor = { name: 'gauges', role: 'source' };
export const COMMANDER: Actor = { name: '王指挥', role: 'commander' };

export const STORM_START = Date.parse('2021-07-25T08:00:00+08:00');

/** Decides a command against `state`, appends the events, and folds the committed envelopes. */
export async function command(
  log: EventLog,
  stream: string,
  state: State,
  cmd: Command,
  now: number,
  actor: Actor,
): Promise<void> {
  const decision = decide(cmd, state, { now, actor });
  if (!decision.ok) throw new Error(`refused: ${decision.refusal.message}`);
  evolveAll(state, await log.append(stream, decision.events));
}

/**
 * A storm of `steps` five-minute rounds: rain and water depth rising then falling (so alerts are
 * raised and cleared), with an incident reported, assigned and resolved on the way.
 */
export async function playStorm(log: EventLog, stream: string, steps: number): Promise<State> {
  const state = initialState();
  await command(
    log,
    stream,
    state,
    { type: 'registerAssets', assets: ASSETS },
    STORM_START,
    SYSTEM,
  );
  for (let step = 1; step <= steps; step += 1) {
    const now = STORM_START + step * 300_000;
    const at = toShanghaiIso(now);
    const intensity = Math.max(0, 12 - Math.abs(step - steps / 2));
    const readings = [
      { id: `${stream}/rg/${step}`, sensorId: 'rg-longhua', at, value: intensity },
      { id: `${stream}/wl/${step}`, sensorId: 'wl-longhua', at, value: intensity * 4 },
    ];
    await command(log, stream, state, { type: 'recordReadings', readings }, now, SOURCE);
    if (step === Math.floor(steps / 2)) {
      const report: Command = {
        type: 'reportIncident',
        kind: 'waterlogging',
        location: { lat: 31.18, lng: 121.44 },
        pointId: 'wl-longhua',
        description: '路面积水没过脚踝',
      };
      await command(log, stream, state, report, now, COMMANDER);
      const incidentId = `inc-${state.counters.incidents}`;
      const assign: Command = { type: 'assignSquad', incidentId, squadId: 'squad-pump' };
      await command(log, stream, state, assign, now, COMMANDER);
    }
    if (step === Math.floor(steps / 2) + 3) {
      const resolve: Command = { type: 'resolveIncident', incidentId: 'inc-1' };
      await command(log, stream, state, resolve, now, COMMANDER);
    }
  }
  return state;
}

/** A plain event for tests that only care about the log's own behaviour. */
export function positionReport(minute: number, id?: string): DomainEvent {
  return {
    type: 'typhoon.positionReported',
    at: toShanghaiIso(STORM_START + minute * 60_000),
    ...(id === undefined ? {} : { id }),
    data: { name: 'In-Fa', lat: 30.6, lng: 121.2, windMs: 30 + (minute % 7), pressureHpa: 970 },
  };
}

/** A fresh temp folder for one test file; `remove()` deletes it. */
export function tempFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'floodnet-log-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
