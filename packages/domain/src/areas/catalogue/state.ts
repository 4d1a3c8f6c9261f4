import type { Asset } from '../../model/assets.js';

export interface CatalogueSlice {
  assets: Record<string, Asset>;
}

export function initialCatalogue(): CatalogueSlice {
  return { assets: {} };
}
