import type { Asset, Stock } from '../model/assets.js';
import type { Command } from '../model/commands.js';
import type { Actor } from '../model/primitives.js';
import { initialState, type State } from '../model/state.js';
import { decide } from '../decide.js';
import { testCatalogue } from './catalogue.js';
import { foldOrThrow, system, T0 } from './given.js';

const plausible = { kind: 'plausible', note: 'test fleet' } as const;

export const fullStock: Stock = {
  sandbags: 1000,
  'mobile-pumps': 4,
  'generator-sets': 2,
  'water-barriers': 200,
  'life-jackets': 100,
  boats: 2,
  tarpaulins: 50,
};

/** Two stores and the pump-truck squad's vehicles, added to the test catalogue. */
export const testFleet: Asset[] = [
  {
    id: 'wh-caohejing',
    kind: 'warehouse',
    name: '漕河泾防汛仓库',
    nameEn: 'Caohejing flood store',
    lat: 31.168,
    lng: 121.405,
    jiezhen: '310104017',
    provenance: plausible,
    stock: { ...fullStock, sandbags: 700 },
  },
  {
    id: 'vs-xujiahui',
    kind: 'vehicle-staging',
    name: '徐家汇车辆停靠点',
    nameEn: 'Xujiahui staging point',
    lat: 31.195,
    lng: 121.437,
    jiezhen: '310104012',
    provenance: plausible,
    stock: { ...fullStock, sandbags: 600 },
  },
  {
    id: 'veh-pump-1',
    kind: 'vehicle',
    vehicleType: 'pump-truck',
    squadId: 'squad-pump-truck',
    homeId: 'wh-caohejing',
    plate: '沪A12345',
    pumpM3h: 300,
    name: '泵车 1',
    nameEn: 'Pump truck 1',
    lat: 31.168,
    lng: 121.405,
    jiezhen: '310104017',
    provenance: plausible,
  },
  {
    id: 'veh-cargo-1',
    kind: 'vehicle',
    vehicleType: 'cargo-truck',
    squadId: 'squad-pump-truck',
    homeId: 'wh-caohejing',
    plate: '沪B23456',
    payloadT: 5,
    name: '货车 1',
    nameEn: 'Cargo truck 1',
    lat: 31.168,
    lng: 121.405,
    jiezhen: '310104017',
    provenance: plausible,
  },
];

/** As `given`, over the test catalogue with the fleet and its stores. */
export function givenFleet(...steps: [Command, Actor, number?][]): State {
  const state = initialState();
  const assets = [...testCatalogue, ...testFleet];
  foldOrThrow(state, decide({ type: 'registerAssets', assets }, state, { now: T0, actor: system }));
  for (const [command, actor, now = T0] of steps)
    foldOrThrow(state, decide(command, state, { now, actor }));
  return state;
}
