import { no, yes, type Decision, type Deciders } from '../../model/area.js';
import type { DomainEvent } from '../../model/events.js';
import { own, type State } from '../../model/state.js';
import { evolve } from '../../evolve.js';
import type { RuleConfig } from '../../rules/config.js';
import { refuse } from '../../refusals.js';
import { suggestionEvents } from '../response/rules.js';
import type { CapAlert, CapInfo } from './commands.js';
import { expiryEvents, referencedIdentifiers, warningKindOf, warningLevelOf } from './rules.js';

export const warningRoles = {
  // The weather bureau's and hydrological service's feeds come in on API keys; a duty officer
  // may enter a warning received by phone or fax.
  receiveWarning: ['source', 'duty', 'commander', 'admin', 'system'],
  checkWarnings: ['system', 'admin'],
} as const;

export const warningDeciders: Deciders<'receiveWarning' | 'checkWarnings'> = {
  receiveWarning(command, state, { now, at, config }) {
    const { alert } = command;
    // A repeated message is acknowledged and not stored twice.
    if (own(state.warningByMessage, alert.identifier)) return yes([]);
    if (alert.status !== 'Actual')
      return no(refuse('WARNING_NOT_ACTUAL', alert.status, 'alert.status'));
    const decided = messageEvents(alert, state, now, at, config);
    if (!decided.ok) return decided;
    return withSuggestion(state, [...expiryEvents(state, now), ...decided.events], config);
  },
  checkWarnings(_command, state, { now, config }) {
    return withSuggestion(state, expiryEvents(state, now), config);
  },
};

function messageEvents(
  alert: CapAlert,
  state: State,
  now: number,
  at: string,
  config: RuleConfig,
): Decision {
  if (alert.msgType === 'Alert') {
    const content = contentOf(alert, now, config);
    if (!content.ok) return content.decision;
    const { kind, ...rest } = content.value;
    return yes([
      {
        type: 'warning.issued',
        at,
        data: { warningId: alert.identifier, kind, sender: alert.sender, ...rest },
      },
    ]);
  }
  if (!alert.references) return no(refuse('CAP_ELEMENT_MISSING', 'references', 'alert.references'));
  const warningId = referencedIdentifiers(alert.references)
    .map((identifier) => own(state.warningByMessage, identifier))
    .find((id) => id !== undefined);
  const warning = warningId ? own(state.warnings, warningId) : undefined;
  if (!warning)
    return no(refuse('UNKNOWN_WARNING_REFERENCE', alert.references, 'alert.references'));
  if (!warning.inForce || warning.expiresAt <= now)
    return no(refuse('WARNING_NOT_IN_FORCE', warning.id, 'alert.references'));
  if (alert.msgType === 'Cancel') {
    return yes([
      {
        type: 'warning.cancelled',
        at,
        data: { warningId: warning.id, identifier: alert.identifier, reason: 'cancelled' },
      },
    ]);
  }
  const content = contentOf(alert, now, config);
  if (!content.ok) return content.decision;
  const { kind, event: _event, ...rest } = content.value;
  if (kind !== warning.kind)
    return no(refuse('WARNING_KIND_MISMATCH', `${kind} ≠ ${warning.kind}`, 'alert.info.event'));
  return yes([{ type: 'warning.updated', at, data: { warningId: warning.id, ...rest } }]);
}

type Content = { ok: true; value: ReturnType<typeof describe> } | { ok: false; decision: Decision };

function contentOf(alert: CapAlert, now: number, config: RuleConfig): Content {
  const info = alert.info;
  if (!info)
    return { ok: false, decision: no(refuse('CAP_ELEMENT_MISSING', 'info', 'alert.info')) };
  const kind = warningKindOf(info.event);
  if (!kind)
    return {
      ok: false,
      decision: no(refuse('WARNING_EVENT_UNSUPPORTED', info.event, 'alert.info.event')),
    };
  const level = warningLevelOf(info, config);
  if (!level)
    return {
      ok: false,
      decision: no(refuse('WARNING_LEVEL_UNKNOWN', info.severity, 'alert.info.severity')),
    };
  if (Date.parse(info.expires) <= now)
    return {
      ok: false,
      decision: no(refuse('WARNING_EXPIRED', info.expires, 'alert.info.expires')),
    };
  return { ok: true, value: describe(alert, info, kind, level) };
}

function describe(
  alert: CapAlert,
  info: CapInfo,
  kind: NonNullable<ReturnType<typeof warningKindOf>>,
  level: NonNullable<ReturnType<typeof warningLevelOf>>,
) {
  return {
    kind,
    level,
    event: info.event,
    identifier: alert.identifier,
    sentAt: alert.sent,
    onsetAt: info.onset,
    expiresAt: info.expires,
    headline: info.headline,
    description: info.description,
    areaDesc: info.area.areaDesc,
  };
}

/** The warning events, then the suggested response level they lead to (warnings come first). */
function withSuggestion(state: State, events: DomainEvent[], config: RuleConfig): Decision {
  if (events.length === 0) return yes([]);
  const after: State = { ...state, warnings: structuredClone(state.warnings) };
  after.warningByMessage = { ...state.warningByMessage };
  for (const event of events) evolve(after, event);
  return yes([...events, ...suggestionEvents(after, events[events.length - 1]!.at, config)]);
}
