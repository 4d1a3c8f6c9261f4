import { Type } from '@sinclair/typebox';
import { AssetSchema } from '../../model/assets.js';

export const catalogueCommands = [
  Type.Object({ type: Type.Literal('registerAssets'), assets: Type.Array(AssetSchema) }),
] as const;
