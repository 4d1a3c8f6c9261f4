import type { Folds } from '../../model/area.js';
import { actorLabel } from '../../model/primitives.js';

export const compoundFolds: Folds<'compound.reported'> = {
  'compound.reported'(state, data, at, event) {
    const { reportId, compoundId, kind, depthCm, where, people, text, by } = data;
    state.compoundReports[reportId] = {
      id: reportId,
      compoundId,
      kind,
      depthCm,
      where,
      people,
      text,
      at,
      by: actorLabel(by),
      requestId: event.id ?? null,
    };
    (state.reportsByCompound[compoundId] ??= []).push(reportId);
    state.compoundReportCount += 1;
  },
};
