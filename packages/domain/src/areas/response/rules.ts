import { distanceKm } from '../../model/geo.js';
import type { DomainEvent } from '../../model/events.js';
import type { State } from '../../model/state.js';
import {
  maxSeverity,
  type AlertKind,
  type Severity,
  type SignalKind,
} from '../../model/vocabulary.js';
import type { RuleConfig } from '../../rules/config.js';
import { officialResponse } from '../warnings/rules.js';

const SIGNAL_SOURCES: Partial<Record<SignalKind, AlertKind>> = {
  rainstorm: 'rainstorm',
  tide: 'tide',
};

/** The highest severity among open alerts of one kind. */
function worstOpen(state: State, kind: AlertKind): Severity | null {
  let worst: Severity | null = null;
  for (const [key, alertId] of Object.entries(state.openAlertBySubject)) {
    if (!key.startsWith(`${kind}:`)) continue;
    worst = maxSeverity(worst, state.alerts[alertId]?.severity ?? null);
  }
  return worst;
}

/**
 * District signals that follow the gauges: the rainstorm signal is the worst gauge's level and
 * the high-tide signal the tide station's. (The typhoon signal follows the storm's position.)
 */
export function signalEvents(state: State, at: string): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const [signal, alertKind] of Object.entries(SIGNAL_SOURCES) as [SignalKind, AlertKind][]) {
    const level = worstOpen(state, alertKind);
    if (level !== state.signals[signal]) {
      events.push({ type: 'signal.changed', at, data: { kind: signal, level } });
    }
  }
  return events;
}

/**
 * The response level to suggest, with the reasons: the official warnings in force come first
 * (`official:<kind>:<colour>`); only when none is in force does floodnet's own estimate from the
 * signals it infers (`<kind>:<colour>`, local estimates) set the level.
 */
export function suggestedResponse(state: State, config: RuleConfig) {
  const official = officialResponse(state, config);
  const local = localResponse(state, config);
  if (official.level === null) return local;
  return { level: official.level, reasons: [...official.reasons, ...local.reasons] };
}

/** The response level floodnet's own signals (local estimates) call for. */
function localResponse(state: State, config: RuleConfig) {
  let worst: Severity | null = null;
  const reasons: string[] = [];
  for (const [kind, level] of Object.entries(state.signals) as [SignalKind, Severity | null][]) {
    if (level === null) continue;
    reasons.push(`${kind}:${level}`);
    worst = maxSeverity(worst, level);
  }
  return { level: worst === null ? null : config.responseLevelForSignal.value[worst], reasons };
}

export function suggestionEvents(state: State, at: string, config: RuleConfig): DomainEvent[] {
  const { level, reasons } = suggestedResponse(state, config);
  if (level === state.suggestedLevel && reasons.join() === state.suggestedReasons.join()) return [];
  return [{ type: 'responseLevel.suggested', at, data: { level, reasons } }];
}

/** Typhoon signal from the storm's distance to the district and its wind. */
export function typhoonSignal(
  position: { lat: number; lng: number; windMs: number },
  config: RuleConfig,
): Severity | null {
  const distance = distanceKm(position, config.typhoon.centre);
  const bands = config.typhoon.bands.value;
  for (const severity of ['red', 'orange', 'yellow', 'blue'] as const) {
    const band = bands[severity];
    if (distance <= band.withinKm && position.windMs >= band.windMs) return severity;
  }
  return null;
}
