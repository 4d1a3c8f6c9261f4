import { Type } from '@sinclair/typebox';
import { AssetSchema } from '../../model/assets.js';

/** The catalogue of assets: registered once, at the start of a stream. */
export const catalogueEvents = {
  'assets.registered': Type.Object({ assets: Type.Array(AssetSchema) }),
} as const;
