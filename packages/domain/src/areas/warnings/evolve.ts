import type { Folds } from '../../model/area.js';
import { own } from '../../model/state.js';

export const warningFolds: Folds<'warning.issued' | 'warning.updated' | 'warning.cancelled'> = {
  'warning.issued'(state, data) {
    state.warnings[data.warningId] = {
      id: data.warningId,
      kind: data.kind,
      level: data.level,
      sender: data.sender,
      event: data.event,
      headline: data.headline,
      description: data.description,
      areaDesc: data.areaDesc,
      sentAt: Date.parse(data.sentAt),
      onsetAt: Date.parse(data.onsetAt),
      expiresAt: Date.parse(data.expiresAt),
      identifiers: [data.identifier],
      inForce: true,
      endedAt: null,
      endReason: null,
    };
    state.warningByMessage[data.identifier] = data.warningId;
  },
  'warning.updated'(state, data) {
    const warning = own(state.warnings, data.warningId);
    if (!warning) return;
    warning.level = data.level;
    warning.headline = data.headline;
    warning.description = data.description;
    warning.areaDesc = data.areaDesc;
    warning.sentAt = Date.parse(data.sentAt);
    warning.onsetAt = Date.parse(data.onsetAt);
    warning.expiresAt = Date.parse(data.expiresAt);
    warning.identifiers.push(data.identifier);
    state.warningByMessage[data.identifier] = data.warningId;
  },
  'warning.cancelled'(state, data, at) {
    const warning = own(state.warnings, data.warningId);
    if (!warning) return;
    warning.inForce = false;
    warning.endedAt = at;
    warning.endReason = data.reason;
    if (data.identifier) {
      warning.identifiers.push(data.identifier);
      state.warningByMessage[data.identifier] = data.warningId;
    }
  },
};
