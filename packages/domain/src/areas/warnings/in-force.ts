import type { State } from '../../model/state.js';
import { maxSeverity, type Severity, type SignalKind } from '../../model/vocabulary.js';

/** Which district signal an official warning kind stands beside (flood-control has none). */
const SIGNAL_OF_WARNING = {
  typhoon: 'typhoon',
  rainstorm: 'rainstorm',
  'high-tide': 'tide',
  'flood-control': null,
} as const satisfies Record<string, SignalKind | null>;

/**
 * The official signals in force, by the kind of the district's local estimates: the highest
 * colour among the warnings of that kind still in force (plans trigger on them, the shift handover
 * lists them beside the local ones).
 */
export function officialSignalsIn(state: State): Partial<Record<SignalKind, Severity | null>> {
  const signals: Partial<Record<SignalKind, Severity | null>> = {};
  for (const warning of Object.values(state.warnings)) {
    if (!warning.inForce) continue;
    const kind = SIGNAL_OF_WARNING[warning.kind];
    if (kind === null) continue;
    signals[kind] = maxSeverity(signals[kind] ?? null, warning.level);
  }
  return signals;
}
