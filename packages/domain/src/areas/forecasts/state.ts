import type { Severity } from '../../model/vocabulary.js';

type EpochMs = number;

export interface ForecastState {
  id: string;
  sensorId: string;
  issuedAt: EpochMs;
  /** [time, value] pairs. */
  series: [EpochMs, number][];
  crossing: {
    at: EpochMs;
    threshold: number;
    peak: number;
    peakAt: EpochMs;
    severity: Severity;
  } | null;
  observed: { at: EpochMs; value: number; leadMin: number; timingErrorMin: number } | null;
}

export interface TrendState {
  sensorId: string;
  value: number;
  threshold: number;
  etaAt: EpochMs;
  ratePerHour: number;
  confidence: number;
  since: EpochMs;
}

export interface ForecastsSlice {
  forecasts: Record<string, ForecastState>;
  /** The newest forecast for each sensor. */
  forecastBySensor: Record<string, string>;
  /** Depth sensors' recent readings as [time, cm] pairs, kept for the trend window. */
  trendWindows: Record<string, [EpochMs, number][]>;
  /** Rising sensors with a projected time to their threshold. */
  trends: Record<string, TrendState>;
}

export function initialForecasts(): ForecastsSlice {
  return { forecasts: {}, forecastBySensor: {}, trendWindows: {}, trends: {} };
}

/** How long depth readings are kept for trends (the longest window the configuration may ask). */
export const TREND_WINDOW_MS = 60 * 60_000;
