import type { Static } from '@sinclair/typebox';
import type { CompoundReportKindSchema } from './commands.js';

type EpochMs = number;
export type CompoundReportKind = Static<typeof CompoundReportKindSchema>;

export interface CompoundReport {
  id: string;
  compoundId: string;
  kind: CompoundReportKind;
  depthCm: number | null;
  where: 'entrance' | 'garage' | null;
  people: number | null;
  text: string | null;
  at: EpochMs;
  by: string;
  /** The event id a phone's idempotency key gave the report, or null. */
  requestId: string | null;
}

export interface CompoundsSlice {
  compoundReports: Record<string, CompoundReport>;
  /** Report ids per compound, oldest first: the property manager's own history. */
  reportsByCompound: Record<string, string[]>;
  compoundReportCount: number;
}

export function initialCompounds(): CompoundsSlice {
  return { compoundReports: {}, reportsByCompound: {}, compoundReportCount: 0 };
}
