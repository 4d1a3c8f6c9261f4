import type { ResponseLevel, Severity, SignalKind } from '../../model/vocabulary.js';

export interface TyphoonFix {
  /** Epoch ms. */
  at: number;
  lat: number;
  lng: number;
  windMs: number;
  pressureHpa: number;
}

export interface ResponseSlice {
  signals: Record<SignalKind, Severity | null>;
  responseLevel: ResponseLevel | null;
  responseLevelBy: string | null;
  suggestedLevel: ResponseLevel | null;
  suggestedReasons: string[];
  typhoon: { name: string | null; track: TyphoonFix[] };
}

export function initialResponse(): ResponseSlice {
  return {
    signals: { rainstorm: null, tide: null, typhoon: null },
    responseLevel: null,
    responseLevelBy: null,
    suggestedLevel: null,
    suggestedReasons: [],
    typhoon: { name: null, track: [] },
  };
}
