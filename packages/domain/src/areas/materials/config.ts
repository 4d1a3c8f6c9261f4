import { MATERIAL_TYPES, MATERIAL_TYPE_NAMES, type MaterialType } from '../../model/assets.js';
import type { IncidentKind } from '../../model/vocabulary.js';
import type { Sourced } from '../../rules/config.js';
import type { Quantities } from './state.js';

export interface MaterialsConfig {
  /** Below this a store's stock of a type is low (an alert); at zero it is out (critical). */
  reserve: Sourced<Record<MaterialType, number>>;
  /** What a commander usually sends with the squads to each kind of incident. */
  forIncident: Sourced<Record<IncidentKind, Quantities>>;
}

export const defaultMaterialsConfig: MaterialsConfig = {
  reserve: {
    value: Object.fromEntries(
      MATERIAL_TYPE_NAMES.map((type) => [type, MATERIAL_TYPES[type].reserve]),
    ) as Record<MaterialType, number>,
    source: 'the material types configuration (plausible reserves, not a published norm)',
  },
  forIncident: {
    value: {
      waterlogging: { sandbags: 100 },
      'underpass-flooded': { sandbags: 200, 'water-barriers': 20 },
      'underground-space': { sandbags: 200, 'water-barriers': 30 },
      'tree-down': {},
      'power-outage': { 'generator-sets': 1 },
      'pump-fault': { 'generator-sets': 1, 'mobile-pumps': 1 },
      embankment: { sandbags: 500, tarpaulins: 20 },
      'construction-site': { sandbags: 100, tarpaulins: 10 },
      evacuation: { 'life-jackets': 50, boats: 1 },
      other: {},
    },
    source:
      '(est.) a first load per incident kind; 200 sandbags close a two-lane underpass ' +
      'mouth to about 40 cm, a plausible first response',
  },
};
