import type { Sourced } from '../../rules/config.js';

/** The numbers behind positions and arrival estimates. */
export interface MovementConfig {
  /** Fixes farther than this from the district centre are refused (a misconfigured tracker). */
  maxKmFromCentre: Sourced<number>;
  /** Faster than this between two fixes is a GNSS jump: recorded, flagged, not believed. */
  maxSpeedKmh: Sourced<number>;
  /** Road distance over the straight line. */
  detourFactor: Sourced<number>;
  /** Average speed of a rescue vehicle through a city in a storm, for arrival estimates. */
  stormSpeedKmh: Sourced<number>;
  /** A fix is drawn stale once older than this many usual intervals. */
  staleAfterIntervals: number;
}

export const defaultMovementConfig: MovementConfig = {
  maxKmFromCentre: {
    value: 30,
    source:
      '(est.) Xuhui is about 12 km north to south; 30 km from its centre covers central ' +
      'Shanghai, so mutual aid from neighbouring districts is still tracked',
  },
  maxSpeedKmh: { value: 200, source: 'issue 12: more than 200 km/h is not a real vehicle' },
  detourFactor: {
    value: 1.3,
    source: '(est.) a common ratio of road to straight-line distance in a gridded city',
  },
  stormSpeedKmh: {
    value: 25,
    source: "(est.) urban traffic in heavy rain, below Shanghai's ~30 km/h peak-hour average",
  },
  staleAfterIntervals: 3,
};
