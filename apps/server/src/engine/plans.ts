import { existsSync, readFileSync } from 'node:fs';
import { checkPlansFile, type Asset, type PlansFile } from '@floodnet/domain';

/**
 * The plans file (`fixtures/xuhui/plans.json`), checked before the server starts: a plan that
 * names a unit that does not exist, or a task without a deadline, stops the start and says where.
 * Units are checked against `catalogue` when given (the Xuhui fixture), not a test's own assets.
 */
export function loadPlans(file: string, catalogue?: readonly Asset[]): PlansFile | null {
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const refs = catalogue
    ? {
        unitIds: new Set(
          catalogue
            .filter((a) => a.kind === 'subdistrict-team' || a.kind === 'specialist-squad')
            .map((a) => a.id),
        ),
        siteIds: new Set(
          catalogue.filter((a) => (a.kind as string) === 'hazard-site').map((a) => a.id),
        ),
      }
    : {};
  const check = checkPlansFile(parsed, refs);
  if (!check.ok)
    throw new Error(`${file} is not a valid plans file at ${check.path}: ${check.message}`);
  return check.file;
}
