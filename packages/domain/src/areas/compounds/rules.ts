import { assertNever } from '../../model/assets.js';
import type { CommandOf } from '../../model/commands.js';
import type { Severity } from '../../model/vocabulary.js';
import type { RuleConfig } from '../../rules/config.js';
import { bandOf } from '../alerts/rules.js';

/** What a report means for the duty officer's map: an alert to raise, to clear, or nothing. */
export type ReportAlert =
  | { action: 'raise'; severity: Severity; value: number; threshold: number }
  | { action: 'clear' }
  | { action: 'none' };

/** The alert a compound's report calls for, by its kind and numbers (thresholds in config). */
export function reportAlert(
  report: CommandOf<'reportFromCompound'>,
  config: RuleConfig,
): ReportAlert {
  const { depthBandsCm, peopleBands, garageFlooded, powerCut } = config.compounds;
  const depth = (severity: Severity | null) => {
    const value = report.depthCm ?? 0;
    const measured = bandOf(value, depthBandsCm.value);
    return measured === null && severity === null
      ? ({ action: 'none' } as const)
      : ({
          action: 'raise',
          severity: worse(measured, severity),
          value,
          threshold: depthBandsCm.value.blue,
        } as const);
  };
  switch (report.kind) {
    case 'water-depth':
      return depth(null);
    case 'garage-flooded':
      return depth(garageFlooded);
    case 'people-to-move': {
      const value = report.people ?? 0;
      const severity = bandOf(value, peopleBands.value);
      return severity === null
        ? { action: 'none' }
        : { action: 'raise', severity, value, threshold: peopleBands.value.blue };
    }
    case 'power-cut':
      return { action: 'raise', severity: powerCut, value: 1, threshold: 1 };
    case 'all-clear':
      return { action: 'clear' };
    case 'other':
      return { action: 'none' };
    default:
      return assertNever(report.kind);
  }
}

const RANK: Severity[] = ['blue', 'yellow', 'orange', 'red'];
function worse(a: Severity | null, b: Severity | null): Severity {
  return RANK[Math.max(a ? RANK.indexOf(a) : 0, b ? RANK.indexOf(b) : 0)]!;
}
