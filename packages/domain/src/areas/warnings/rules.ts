import type { DomainEvent } from '../../model/events.js';
import type { State } from '../../model/state.js';
import {
  RESPONSE_LEVELS,
  type ResponseLevel,
  type Severity,
  type WarningKind,
} from '../../model/vocabulary.js';
import type { RuleConfig } from '../../rules/config.js';
import { toShanghaiIso } from '../../time.js';
import type { CapInfo } from './commands.js';

/**
 * Which warning a CAP `event` names, from its words (Chinese as the national platform writes
 * them, or English). 防汛 is looked for first: "防汛防台" names the flood-control warning, not the
 * typhoon signal.
 */
const KIND_WORDS: [WarningKind, RegExp][] = [
  ['flood-control', /防汛|flood[- ]control/i],
  ['typhoon', /台风|typhoon/i],
  ['rainstorm', /暴雨|rainstorm|heavy rain/i],
  ['high-tide', /高潮位|风暴潮|潮位|high[- ]tide|storm surge/i],
];

const COLOUR_WORDS: [Severity, RegExp][] = [
  ['red', /红色|\bred\b/i],
  ['orange', /橙色|\borange\b/i],
  ['yellow', /黄色|\byellow\b/i],
  ['blue', /蓝色|\bblue\b/i],
];

export function warningKindOf(event: string): WarningKind | null {
  return KIND_WORDS.find(([, words]) => words.test(event))?.[0] ?? null;
}

/** The national colour: named in the event or headline (蓝色预警), else read from CAP severity. */
export function warningLevelOf(info: CapInfo, config: RuleConfig): Severity | null {
  for (const text of [info.event, info.headline]) {
    const named = COLOUR_WORDS.find(([, words]) => words.test(text));
    if (named) return named[0];
  }
  if (info.severity === 'Unknown') return null;
  return config.capSeverityColour.value[info.severity];
}

/** The CAP identifiers in a `references` list (`sender,identifier,sent` triples). */
export function referencedIdentifiers(references: string): string[] {
  return references
    .split(/\s+/)
    .filter(Boolean)
    .map((triple) => {
      const parts = triple.split(',');
      return parts.length >= 3 ? parts[parts.length - 2]! : (parts[0] ?? triple);
    });
}

/** Warnings in force now, worst first. */
export function warningsInForce(state: State) {
  return Object.values(state.warnings)
    .filter((warning) => warning.inForce)
    .sort((a, b) => RANK[b.level] - RANK[a.level] || a.sentAt - b.sentAt);
}

const RANK: Record<Severity, number> = { blue: 0, yellow: 1, orange: 2, red: 3 };

/**
 * The response level that the official warnings in force call for (mapping in configuration),
 * with reasons `official:<kind>:<colour>`; null when none is in force.
 */
export function officialResponse(
  state: State,
  config: RuleConfig,
): { level: ResponseLevel | null; reasons: string[] } {
  let level: ResponseLevel | null = null;
  const reasons: string[] = [];
  for (const warning of warningsInForce(state)) {
    reasons.push(`official:${warning.kind}:${warning.level}`);
    const called = config.responseLevelForWarning.value[warning.kind][warning.level];
    if (level === null || RESPONSE_LEVELS.indexOf(called) > RESPONSE_LEVELS.indexOf(level))
      level = called;
  }
  return { level, reasons };
}

/** Warnings whose `expires` has passed by `now`: they end on their own. */
export function expiryEvents(state: State, now: number): DomainEvent[] {
  return Object.values(state.warnings)
    .filter((warning) => warning.inForce && warning.expiresAt <= now)
    .map((warning) => ({
      type: 'warning.cancelled',
      at: toShanghaiIso(Math.max(warning.expiresAt, state.clock ?? warning.expiresAt)),
      data: { warningId: warning.id, identifier: null, reason: 'expired' },
    }));
}
