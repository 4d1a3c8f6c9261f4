import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AssetSchema, type Asset } from '@floodnet/domain';

const CatalogueSchema = Type.Array(AssetSchema);

/**
 * The Xuhui asset catalogue registered on the first start of `live`. A catalogue that does not
 * match the schema stops the start: a wrong map is worse than none.
 */
export function loadCatalogue(fixturesDir: string): Asset[] {
  const file = join(fixturesDir, 'assets.json');
  if (!existsSync(file)) return [];
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const assets =
    parsed && typeof parsed === 'object' && 'assets' in parsed ? parsed.assets : parsed;
  if (!Value.Check(CatalogueSchema, assets)) {
    const first = Value.Errors(CatalogueSchema, assets).First();
    throw new Error(`${file} is not a valid catalogue at ${first?.path}: ${first?.message}`);
  }
  return assets;
}
