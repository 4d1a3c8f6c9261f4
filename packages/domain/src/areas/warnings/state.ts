import type { Severity, WarningKind } from '../../model/vocabulary.js';

type EpochMs = number;

/** One official warning through its Alert → Update → Cancel life. */
export interface WarningState {
  id: string;
  kind: WarningKind;
  level: Severity;
  sender: string;
  event: string;
  headline: string;
  description: string;
  areaDesc: string;
  sentAt: EpochMs;
  onsetAt: EpochMs;
  expiresAt: EpochMs;
  /** Every CAP identifier of the chain, so a later message's `references` can find it. */
  identifiers: string[];
  inForce: boolean;
  endedAt: EpochMs | null;
  endReason: 'cancelled' | 'expired' | null;
}

export interface WarningsSlice {
  warnings: Record<string, WarningState>;
  /** CAP identifier → warning id, for every message received (also makes repeats harmless). */
  warningByMessage: Record<string, string>;
}

export function initialWarnings(): WarningsSlice {
  return { warnings: {}, warningByMessage: {} };
}
