import { isDispatchUnit, type Asset, type ResidentialCompound } from '../../model/assets.js';
import type { State } from '../../model/state.js';
import type { Audience } from './commands.js';

export function isCompound(asset: Asset): asset is ResidentialCompound {
  return asset.kind === 'residential-compound';
}

/** Every compound in the catalogue, in catalogue order. */
export function compoundsOf(state: State): ResidentialCompound[] {
  return Object.values(state.assets).filter(isCompound);
}

/** The ids an audience names that are not a compound or a squad, for a clear refusal. */
export function unknownRecipients(state: State, audience: Audience): string[] {
  const compound = (id: string) => {
    const asset = Object.hasOwn(state.assets, id) ? state.assets[id] : undefined;
    return asset !== undefined && isCompound(asset);
  };
  const squad = (id: string) => {
    const asset = Object.hasOwn(state.assets, id) ? state.assets[id] : undefined;
    return asset !== undefined && isDispatchUnit(asset);
  };
  return [
    ...(audience.compoundIds ?? []).filter((id) => !compound(id)),
    ...(audience.squadIds ?? []).filter((id) => !squad(id)),
  ];
}

/**
 * The recipients of an audience, each once: compounds matching every compound criterion given
 * (`all`, `jiezhen`, `lowLying`, `undergroundGarage`), then named compounds, then named squads.
 */
export function recipientsOf(state: State, audience: Audience): string[] {
  const filtered =
    audience.all === true ||
    audience.jiezhen !== undefined ||
    audience.lowLying === true ||
    audience.undergroundGarage === true;
  const chosen = new Set<string>();
  if (filtered) {
    const jiezhen = audience.jiezhen ? new Set(audience.jiezhen) : null;
    for (const compound of compoundsOf(state)) {
      if (jiezhen && !jiezhen.has(compound.jiezhen)) continue;
      if (audience.lowLying === true && !compound.lowLying) continue;
      if (audience.undergroundGarage === true && !compound.undergroundGarage) continue;
      chosen.add(compound.id);
    }
  }
  for (const id of audience.compoundIds ?? []) chosen.add(id);
  for (const id of audience.squadIds ?? []) chosen.add(id);
  return [...chosen];
}

/** The 街镇 team that follows up a compound's missed notice: the team of the compound's 街镇. */
export function followUpTeam(state: State, recipientId: string): string | null {
  const asset = Object.hasOwn(state.assets, recipientId) ? state.assets[recipientId] : undefined;
  if (!asset || !isCompound(asset)) return null;
  const team = Object.values(state.assets).find(
    (candidate) => candidate.kind === 'subdistrict-team' && candidate.jiezhen === asset.jiezhen,
  );
  return team?.id ?? null;
}
