import type { DomainEvent, EventEnvelope } from '../model/events.js';

type AnyEvent = DomainEvent | EventEnvelope;
const MIN_MS = 60_000;

/** How one forecast crossing turned out: when and how high, foreseen against observed. */
export interface ForecastVerification {
  forecastId: string;
  sensorId: string;
  issuedAt: number;
  expectedAt: number;
  expectedPeak: number;
  threshold: number;
  /** The observed crossing, or null when the water never came. */
  observedAt: number | null;
  /** Minutes from the forecast's issue to the observed crossing: the warning it gave. */
  leadMin: number | null;
  /** Observed minus expected crossing time, in minutes (positive: later than foreseen). */
  timingErrorMin: number | null;
  /** The highest reading of that high water, once it fell back under the line. */
  observedPeak: number | null;
  /** Observed minus expected peak (m for tides, cm for depths). */
  peakError: number | null;
}

/**
 * The forecasts section of the after-action report, built in the same single pass: each
 * foreseen crossing, linked to the observed one (`forecast.crossingObserved`) with its lead
 * time, timing error and peak error.
 */
export class ForecastVerificationBuilder {
  private readonly rows = new Map<string, ForecastVerification>();
  /** Sensors whose observed high water is being followed to its peak, by forecast id. */
  private readonly following = new Map<string, string>();

  add(event: AnyEvent): void {
    switch (event.type) {
      case 'forecast.issued': {
        const { crossing } = event.data;
        if (!crossing) return;
        this.rows.set(event.data.forecastId, {
          forecastId: event.data.forecastId,
          sensorId: event.data.sensorId,
          issuedAt: Date.parse(event.data.issuedAt),
          expectedAt: Date.parse(crossing.at),
          expectedPeak: crossing.peak,
          threshold: crossing.threshold,
          observedAt: null,
          leadMin: null,
          timingErrorMin: null,
          observedPeak: null,
          peakError: null,
        });
        return;
      }
      case 'forecast.crossingObserved': {
        const row = this.rows.get(event.data.forecastId);
        if (!row) return;
        row.observedAt = Date.parse(event.at);
        row.leadMin = event.data.leadMin;
        row.timingErrorMin = event.data.timingErrorMin;
        row.observedPeak = event.data.value;
        this.following.set(event.data.sensorId, row.forecastId);
        return;
      }
      case 'reading.recorded': {
        const forecastId = this.following.get(event.data.sensorId);
        const row = forecastId ? this.rows.get(forecastId) : undefined;
        if (!row || row.observedPeak === null) return;
        if (event.data.value < row.threshold) {
          this.following.delete(event.data.sensorId);
          return;
        }
        if (event.data.value > row.observedPeak) row.observedPeak = event.data.value;
        row.peakError = round(row.observedPeak - row.expectedPeak);
        return;
      }
      default:
        return;
    }
  }

  report(): ForecastVerification[] {
    return [...this.rows.values()].map((row) => ({
      ...row,
      peakError: row.observedPeak === null ? null : round(row.observedPeak - row.expectedPeak),
    }));
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Minutes between two epoch times, for display. */
export function minutesBetween(from: number, to: number): number {
  return Math.round((to - from) / MIN_MS);
}
