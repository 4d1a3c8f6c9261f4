import type { IncidentKind } from '../../model/vocabulary.js';
import type { Sourced } from '../../rules/config.js';

export interface CheckInConfig {
  /** How often a squad on scene must check in, by incident kind. */
  intervalMin: Sourced<Record<IncidentKind, number>>;
  /** Past this many intervals without a check-in the warning turns critical. */
  criticalAfterIntervals: Sourced<number>;
}

export const defaultCheckInConfig: CheckInConfig = {
  intervalMin: {
    value: {
      waterlogging: 30,
      'underpass-flooded': 20,
      'underground-space': 15,
      'tree-down': 30,
      'power-outage': 30,
      'pump-fault': 30,
      embankment: 20,
      'construction-site': 30,
      evacuation: 15,
      other: 30,
    },
    source:
      '(est.) after the personnel accountability report (PAR) of US fire services, ' +
      'every 10–20 min in hazardous work; shorter where water can trap a crew',
  },
  criticalAfterIntervals: {
    value: 1.5,
    source: '(est.) half an interval of grace after the warning',
  },
};
