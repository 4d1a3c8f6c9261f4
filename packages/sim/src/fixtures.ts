// I/O: reads the scenario's inputs from the repository's fixtures. Only scripts, tests and the
// server's start-up call this; the model itself takes its inputs as arguments.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Asset, PlansFile } from '@floodnet/domain';
import type { BestTrack } from './track';
import type { Ring } from './fleet';

/** The repository's `fixtures/` folder, found from this file. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

export interface InFaInputs {
  assets: Asset[];
  track: BestTrack;
  /** The Huangpu's water polygon, outer ring as [lng, lat]. */
  river: Ring;
  /** The plans file, when the fixtures have one (checked by the server at its start). */
  plans: PlansFile | null;
}

/** Reads the Xuhui catalogue and In-Fa's CMA best track. */
export function loadInFaInputs(fixturesDir: string = FIXTURES_DIR): InFaInputs {
  const read = (name: string) => JSON.parse(readFileSync(`${fixturesDir}/xuhui/${name}`, 'utf8'));
  return {
    assets: read('assets.json') as Asset[],
    track: read('infa-2106-besttrack.json') as BestTrack,
    river: riverRing(read('huangpu.geojson')),
    plans: existsSync(`${fixturesDir}/xuhui/plans.json`) ? (read('plans.json') as PlansFile) : null,
  };
}

/** Reads only the best track (the live driver takes its catalogue from the server's picture). */
export function loadBestTrack(fixturesDir: string = FIXTURES_DIR): BestTrack {
  return JSON.parse(readFileSync(`${fixturesDir}/xuhui/infa-2106-besttrack.json`, 'utf8'));
}

/** The outer ring of the Huangpu's water polygon in `huangpu.geojson`. */
export function riverRing(collection: {
  features: { properties: { part?: string }; geometry: { type: string; coordinates: unknown } }[];
}): Ring {
  const water = collection.features.find(
    (feature) => feature.properties.part === 'water' && feature.geometry.type === 'Polygon',
  );
  if (!water) throw new Error('huangpu.geojson has no water polygon');
  return (water.geometry.coordinates as [number, number][][])[0]!;
}

/** Reads only the Huangpu's water polygon (the live driver's vehicles keep off it). */
export function loadRiver(fixturesDir: string = FIXTURES_DIR): Ring {
  return riverRing(JSON.parse(readFileSync(`${fixturesDir}/xuhui/huangpu.geojson`, 'utf8')));
}
