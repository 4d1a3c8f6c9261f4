import type { ResidentialCompound } from '../model/assets.js';
import type { Command } from '../model/commands.js';
import type { Actor } from '../model/primitives.js';
import { initialState, type State } from '../model/state.js';
import { decide } from '../decide.js';
import { testCatalogue } from './catalogue.js';
import { foldOrThrow, system, T0 } from './given.js';

const plausible = { kind: 'plausible', note: 'test compounds' } as const;

function compound(
  id: string,
  name: string,
  jiezhen: string,
  flags: { lowLying: boolean; undergroundGarage: boolean },
): ResidentialCompound {
  return {
    id,
    kind: 'residential-compound',
    name,
    nameEn: id,
    lat: 31.2,
    lng: 121.44,
    jiezhen,
    provenance: plausible,
    households: 400,
    manager: '徐汇物业',
    ...flags,
  };
}

/** Four compounds: two in 天平路 (one low-lying with a garage), two in 华泾镇. */
export const testCompounds: ResidentialCompound[] = [
  compound('rc-tianping-1', '天平一村', '310104003', { lowLying: true, undergroundGarage: true }),
  compound('rc-tianping-2', '天平二村', '310104003', { lowLying: false, undergroundGarage: true }),
  compound('rc-huajing-1', '华泾一村', '310104103', { lowLying: true, undergroundGarage: false }),
  compound('rc-huajing-2', '华泾二村', '310104103', { lowLying: false, undergroundGarage: false }),
];

/** The property manager of a test compound, and the leader of a test squad. */
export const manager = (compoundId: string): Actor => ({
  name: `pm-${compoundId}`,
  role: 'compound',
  compoundId,
});
export const leader = (squadId: string): Actor => ({
  name: `lead-${squadId}`,
  role: 'squad',
  squadId,
});

/** As `given`, with the test compounds in the catalogue. */
export function givenCompounds(...steps: [Command, Actor, number?][]): State {
  const state = initialState();
  const assets = [...testCatalogue, ...testCompounds];
  foldOrThrow(state, decide({ type: 'registerAssets', assets }, state, { now: T0, actor: system }));
  for (const [command, actor, now = T0] of steps)
    foldOrThrow(state, decide(command, state, { now, actor }));
  return state;
}
