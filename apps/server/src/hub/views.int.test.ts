import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import {
  decodeSnapshot,
  evolve,
  type EventEnvelope,
  type StreamSnapshot,
  type WireSnapshot,
} from '@floodnet/domain';
import {
  call,
  catalogue,
  collectEvents,
  connect,
  connected,
  removeDir,
  startServer,
  tokenFor,
  type Running,
} from '../test-support.js';

const { compound, otherCompound, squad, waterlogging } = catalogue();
let server: Running;
let commander = '';
let manager = '';
let otherManager = '';
let leader = '';
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer();
  commander = tokenFor(server.app, 'commander');
  const issue = server.app.auth.issueToken;
  manager = issue({ name: 'pm-a', role: 'compound', compoundId: compound.id });
  otherManager = issue({ name: 'pm-b', role: 'compound', compoundId: otherCompound.id });
  leader = issue({ name: 'lead', role: 'squad', squadId: squad.id });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.close();
  removeDir(server.dataDir);
});

/** A phone's socket: its first snapshot, and every batch after it. */
async function phone(token: string, afterSeq?: number) {
  const socket = connect(server.url, { token, ...(afterSeq === undefined ? {} : { afterSeq }) });
  sockets.push(socket);
  const snapshots: StreamSnapshot[] = [];
  // Decoded as a client does: times travel as `…+08:00` text, the fold keeps epoch ms.
  socket.on('snapshot', (wire: WireSnapshot) => snapshots.push(decodeSnapshot(wire)));
  const events = collectEvents(socket);
  await connected(socket);
  return { socket, snapshots, events };
}

const post = (token: string, path: string, body: unknown = {}) =>
  call(server.url, 'POST', path, { token, body });
const reported = (compoundId: string) => (events: EventEnvelope[]) =>
  events.some(
    (event) => event.type === 'compound.reported' && event.data.compoundId === compoundId,
  );

describe('a compound account’s stream and picture', () => {
  it('never carries another compound’s receipt or report, on the socket or in GET /state', async () => {
    // Given the property manager's phone and the command room's screen, both connected
    const mine = await phone(manager);
    const room = collectEvents(connect(server.url, { token: commander }));
    await expect.poll(() => mine.snapshots.length).toBe(1);
    const snapshot = mine.snapshots[0]!;
    expect(Object.keys(snapshot.state.assets)).toEqual([compound.id]);
    expect(JSON.stringify(snapshot)).not.toContain(otherCompound.id);

    // When a notice goes to every compound, the other compound acknowledges it and reports
    // water, and then this compound does the same
    const notice = await post(commander, '/api/v1/notices', {
      title: '地库车辆撤离',
      body: '请立即组织地下车库车辆撤离',
      audience: { all: true },
      ackWithinMinutes: 30,
    });
    expect(notice.status).toBe(201);
    const noticeId = String(notice.body.id);
    expect(Number(notice.body.recipients)).toBeGreaterThan(2);
    await post(otherManager, `/api/v1/notices/${noticeId}/ack`);
    await post(otherManager, '/api/v1/compound-reports', {
      kind: 'water-depth',
      where: 'garage',
      depthCm: 45,
    });
    await post(manager, `/api/v1/notices/${noticeId}/ack`);
    await post(manager, '/api/v1/compound-reports', {
      kind: 'water-depth',
      where: 'garage',
      depthCm: 30,
    });
    await mine.events.until(reported(compound.id));
    await room.until(reported(compound.id));

    // Then the phone got the notice and its own receipt and report, nothing of the other's
    const received = mine.events.received;
    expect(JSON.stringify(received)).not.toContain(otherCompound.id);
    expect(received.map((event) => event.type)).toEqual([
      'notice.issued',
      'notice.delivered',
      'notice.read',
      'notice.acknowledged',
      'compound.reported',
    ]);
    // While the command room saw both compounds' receipts and reports, and the alerts
    expect(reported(otherCompound.id)(room.received)).toBe(true);
    expect(room.received.length).toBeGreaterThan(received.length);

    // And GET /state answers the same view, with nothing of the other compound in it
    const state = await call<WireSnapshot>(server.url, 'GET', '/api/v1/state', {
      token: manager,
    });
    expect(state.status).toBe(200);
    expect(state.text).not.toContain(otherCompound.id);
    expect(Object.keys(state.body.state.notices)).toEqual([noticeId]);
    expect(Object.keys(state.body.state.notices[noticeId]!.recipients)).toEqual([compound.id]);
    expect(Object.values(state.body.state.compoundReports).map((r) => r.depthCm)).toEqual([30]);
    expect(state.body.state.alerts).toEqual({});
    // The phone's own fold of what it was sent is that same picture
    const folded = snapshot.state;
    for (const event of received) evolve(folded, event);
    const answered = decodeSnapshot(state.body).state;
    expect({ ...folded, seq: 0, clock: 0 }).toEqual({ ...answered, seq: 0, clock: 0 });
    const geojson = await call(server.url, 'GET', '/api/v1/state.geojson', { token: manager });
    expect(geojson.status).toBe(200);
    expect(geojson.text).not.toContain(otherCompound.id);
    expect(geojson.text).not.toContain(waterlogging.id);

    // And a phone back after a drop is sent only its own events after the seq it holds
    const back = await phone(manager, snapshot.seq);
    await back.events.until(reported(compound.id));
    expect(back.snapshots).toEqual([]);
    expect(back.events.received.map((event) => event.seq)).toEqual(received.map((e) => e.seq));
  });

  it('keeps a compound or squad account out of drills', async () => {
    const socket = connect(server.url, { token: manager, stream: 'drill:none' });
    sockets.push(socket);
    await expect(connected(socket)).rejects.toThrow(/NOT_ALLOWED_FOR_ROLE/);
  });
});

describe('a squad account’s stream', () => {
  it('gets its assignment with the place as a fresh view, then only its own status', async () => {
    const mine = await phone(leader);
    await expect.poll(() => mine.snapshots.length).toBe(1);
    expect(mine.snapshots[0]!.state.incidents).toEqual({});
    const incident = await post(commander, '/api/v1/incidents', {
      kind: 'waterlogging',
      location: { lat: waterlogging.lat, lng: waterlogging.lng },
      pointId: waterlogging.id,
      description: '积水 25 cm',
    });
    const incidentId = String(incident.body.id);
    // An incident the squad is not on is not its business
    await expect
      .poll(() => server.app.engine.live.committedState.incidents[incidentId])
      .toBeTruthy();
    expect(mine.snapshots).toHaveLength(1);
    const assigned = await post(commander, `/api/v1/incidents/${incidentId}/assign`, {
      squadId: squad.id,
    });
    expect(assigned.status).toBe(200);
    await expect.poll(() => mine.snapshots.length).toBe(2);
    const view = mine.snapshots[1]!.state;
    expect(view.units[squad.id]?.incidentId).toBe(incidentId);
    expect(view.incidents[incidentId]?.location).toEqual({
      lat: waterlogging.lat,
      lng: waterlogging.lng,
    });
    await post(leader, `/api/v1/squads/${squad.id}/status`, { status: 'en-route' });
    await mine.events.until((events) => events.some((e) => e.type === 'squad.statusChanged'));
    expect(mine.events.received.every((event) => JSON.stringify(event).includes(squad.id))).toBe(
      true,
    );
  });
});
