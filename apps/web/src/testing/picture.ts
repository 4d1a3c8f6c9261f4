import {
  evolve,
  initialState,
  toShanghaiIso,
  type Asset,
  type DomainEvent,
  type EventEnvelope,
  type State,
} from '@floodnet/domain';

// A small, real picture for component tests: built with domain's own evolve from events.

export const T0 = Date.parse('2021-07-25T14:00:00+08:00');
const at = (minutes: number) => toShanghaiIso(T0 + minutes * 60_000);
const placed = { kind: 'plausible' as const, note: 'test' };

export const TEST_ASSETS: Asset[] = [
  {
    kind: 'subdistrict-team',
    id: 'team-tianping',
    name: '天平路抢险队',
    nameEn: 'Tianping Road rescue team',
    lat: 31.2058,
    lng: 121.4438,
    jiezhen: '310104003',
    provenance: placed,
    specialty: 'general',
    members: 32,
  },
  {
    kind: 'subdistrict-team',
    id: 'team-longhua',
    name: '龙华抢险队',
    nameEn: 'Longhua rescue team',
    lat: 31.173,
    lng: 121.4535,
    jiezhen: '310104016',
    provenance: placed,
    specialty: 'general',
    members: 36,
  },
  {
    kind: 'specialist-squad',
    id: 'squad-pump-truck',
    name: '移动泵车抢险队',
    nameEn: 'Mobile pump-truck squad',
    lat: 31.1668,
    lng: 121.4232,
    jiezhen: '310104017',
    provenance: placed,
    specialty: 'pump-truck',
    members: 60,
  },
  {
    kind: 'specialist-squad',
    id: 'squad-medical',
    name: '医疗救护队',
    nameEn: 'Medical squad',
    lat: 31.1968,
    lng: 121.4522,
    jiezhen: '310104008',
    provenance: placed,
    specialty: 'medical',
    members: 55,
  },
  {
    kind: 'pump-station',
    id: 'pump-longhuagang-caoxi',
    name: '龙华港漕溪路泵站',
    nameEn: 'Longhua Creek Caoxi Road pumping station',
    lat: 31.1712,
    lng: 121.4412,
    jiezhen: '310104016',
    provenance: placed,
    capacityM3s: 8,
    river: '龙华港',
    hasPump: true,
  },
  {
    kind: 'underpass',
    id: 'underpass-hengshan',
    name: '衡山路地下通道',
    nameEn: 'Hengshan Road underpass',
    lat: 31.205,
    lng: 121.44,
    jiezhen: '310104003',
    provenance: placed,
    closeAtCm: 25,
    intervalSec: 300,
  },
  {
    kind: 'waterlogging-point',
    id: 'point-yongfu',
    name: '永福路积水点',
    nameEn: 'Yongfu Road waterlogging point',
    lat: 31.211,
    lng: 121.441,
    jiezhen: '310104004',
    provenance: placed,
    thresholdCm: 15,
    intervalSec: 300,
  },
  {
    kind: 'rain-gauge',
    id: 'rain-tianping',
    name: '天平路雨量站',
    nameEn: 'Tianping Road rain gauge',
    lat: 31.2038,
    lng: 121.4408,
    jiezhen: '310104003',
    provenance: placed,
    intervalSec: 300,
  },
];

let seq = 0;
export function envelope(event: DomainEvent): EventEnvelope {
  seq += 1;
  return { ...event, seq, stream: 'live', id: `e${seq}` } as EventEnvelope;
}

export function resetSeq(): void {
  seq = 0;
}

/** The events of a short storm scene: assets, readings, three alarms, one incident. */
export function sceneEvents(): EventEnvelope[] {
  resetSeq();
  const by = { name: 'duty', role: 'duty' as const };
  const events: DomainEvent[] = [
    { type: 'assets.registered', at: at(0), data: { assets: TEST_ASSETS } },
    { type: 'reading.recorded', at: at(5), data: { sensorId: 'rain-tianping', value: 12 } },
    { type: 'reading.recorded', at: at(5), data: { sensorId: 'underpass-hengshan', value: 32 } },
    {
      type: 'alert.raised',
      at: at(5),
      data: {
        alertId: 'alert-1',
        kind: 'underpass-closure',
        severity: 'red',
        subjectId: 'underpass-hengshan',
        value: 32,
        threshold: 25,
      },
    },
    {
      type: 'alert.raised',
      at: at(6),
      data: {
        alertId: 'alert-2',
        kind: 'waterlogging',
        severity: 'blue',
        subjectId: 'point-yongfu',
        value: 16,
        threshold: 15,
      },
    },
    {
      type: 'alert.raised',
      at: at(7),
      data: {
        alertId: 'alert-3',
        kind: 'pump-fault',
        severity: 'orange',
        subjectId: 'pump-longhuagang-caoxi',
        value: 2,
        threshold: 2,
      },
    },
    { type: 'alert.acknowledged', at: at(8), data: { alertId: 'alert-3', by } },
    {
      type: 'incident.reported',
      at: at(9),
      data: {
        incidentId: 'incident-1',
        kind: 'underpass-flooded',
        location: { lat: 31.205, lng: 121.44 },
        pointId: 'underpass-hengshan',
        description: '车辆被困',
        by,
      },
    },
  ];
  return events.map(envelope);
}

/** The scene folded into a fresh picture. */
export function scenePicture(): State {
  const state = initialState();
  for (const event of sceneEvents()) evolve(state, event);
  return state;
}
