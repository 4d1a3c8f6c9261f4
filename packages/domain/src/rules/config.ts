import { defaultMovementConfig, type MovementConfig } from '../areas/movement/config.js';
import { defaultMaterialsConfig, type MaterialsConfig } from '../areas/materials/config.js';
import { defaultCheckInConfig, type CheckInConfig } from '../areas/checkins/config.js';
import type { ResponseLevel, Severity, WarningKind } from '../model/vocabulary.js';

/** A threshold and where its number comes from; `(est.)` marks an estimate of ours. */
export interface Sourced<T> {
  value: T;
  source: string;
}

export interface SeverityBands {
  blue: number;
  yellow: number;
  orange: number;
  red: number;
}

export interface RuleConfig {
  rainstorm: { oneHourMm: Sourced<SeverityBands>; sixHourMm: Sourced<SeverityBands> };
  /** Tide bands per station id; stations not listed use `tideOffsetsM` above their warning level. */
  tideBandsM: Record<string, Sourced<SeverityBands>>;
  tideOffsetsM: Sourced<SeverityBands>;
  waterlogging: {
    roadThresholdCm: Sourced<number>;
    underpassClosureCm: Sourced<number>;
    /** Depth bands for waterlogging-point alerts. */
    depthBandsCm: Sourced<SeverityBands>;
    /** A depth alert clears only below this fraction of its threshold, so it does not flap. */
    clearFraction: number;
  };
  staleAfterIntervals: Sourced<number>;
  typhoon: {
    centre: { lat: number; lng: number };
    bands: Sourced<Record<Severity, { withinKm: number; windMs: number }>>;
  };
  responseLevelForSignal: Sourced<Record<Severity, ResponseLevel>>;
  maxFutureSec: number;
  compounds: {
    /** Water at a compound's entrance or in its garage: depth bands in cm. */
    depthBandsCm: Sourced<SeverityBands>;
    /** People a compound asks to have moved. */
    peopleBands: Sourced<SeverityBands>;
    /** A flooded garage or a power cut, whatever the numbers say. */
    garageFlooded: Severity;
    powerCut: Severity;
    /** The follow-up alert for a recipient that has not acknowledged a notice in time. */
    noticeOverdueSeverity: Severity;
  };
  movement: MovementConfig;
  materials: MaterialsConfig;
  checkIns: CheckInConfig;
  /** The response level each official warning calls for; official warnings come first. */
  responseLevelForWarning: Sourced<Record<WarningKind, Record<Severity, ResponseLevel>>>;
  /** CAP `severity` → national colour, used when the event text names no colour. */
  capSeverityColour: Sourced<Record<'Minor' | 'Moderate' | 'Severe' | 'Extreme', Severity>>;
  /** Time-to-threshold from a sensor's recent trend, and how sure it must be to alarm. */
  trend: Sourced<TrendConfig>;
}

export interface TrendConfig {
  /** Readings this recent make the trend. */
  windowMin: number;
  minPoints: number;
  /** The readings must span at least this long. */
  minSpanMin: number;
  /** Coefficient of determination (R²) of the straight-line fit, 0–1. */
  minConfidence: number;
  /** The fitted line must rise at least this much across the window (cm for depths, m for rivers). */
  minRise: { cm: number; m: number };
  /** Only a crossing this soon alarms. */
  horizonMin: number;
  /** A projection is re-issued only when its time moves by more than this. */
  reissueShiftMin: number;
}

const LEVEL_BY_COLOUR: Record<Severity, ResponseLevel> = {
  blue: 'IV',
  yellow: 'III',
  orange: 'II',
  red: 'I',
};

export const defaultRuleConfig: RuleConfig = {
  rainstorm: {
    oneHourMm: {
      value: { blue: 35, yellow: 50, orange: 80, red: 100 },
      source:
        'Shanghai rainstorm warning signals (Shanghai Meteorological Service): blue 1 h ≥ 35 mm, ' +
        'yellow 1 h ≥ 50 mm; orange 1 h ≥ 80 mm weakly sourced; red 1 h ≥ 100 mm (est.)',
    },
    sixHourMm: {
      value: { blue: 50, yellow: 80, orange: 100, red: 150 },
      source:
        'Shanghai rainstorm warning signals: blue 6 h ≥ 50 mm, yellow 6 h ≥ 80 mm; ' +
        'orange 6 h ≥ 100 mm weakly sourced; red 6 h ≥ 150 mm (est.)',
    },
  },
  tideBandsM: {
    'tide-huangpu-park': {
      value: { blue: 4.55, yellow: 4.8, orange: 4.95, red: 5.0 },
      source:
        '黄浦公园 warning level 4.55 m (吴淞 datum, Shanghai hydrology); higher bands (est.) chosen ' +
        "so In-Fa's forecast peaks of 4.65 / 4.90 / 5.00 m give blue / yellow / red",
    },
  },
  tideOffsetsM: {
    value: { blue: 0, yellow: 0.2, orange: 0.4, red: 0.6 },
    source: 'metres above the station warning level (est.)',
  },
  waterlogging: {
    roadThresholdCm: {
      value: 15,
      source: 'Shanghai road waterlogging standard: 15 cm of water on a road',
    },
    underpassClosureCm: { value: 25, source: 'Shanghai underpass closure line: 25 cm of water' },
    depthBandsCm: {
      value: { blue: 15, yellow: 25, orange: 40, red: 50 },
      source: '15 cm road threshold (sourced); 25 / 40 / 50 cm bands (est.)',
    },
    clearFraction: 0.6,
  },
  staleAfterIntervals: { value: 3, source: 'floodnet: stale after 3 missed reporting intervals' },
  typhoon: {
    centre: { lat: 31.18, lng: 121.437 },
    bands: {
      value: {
        blue: { withinKm: 800, windMs: 10.8 },
        yellow: { withinKm: 500, windMs: 17.2 },
        orange: { withinKm: 300, windMs: 24.5 },
        red: { withinKm: 150, windMs: 32.7 },
      },
      source:
        'CMA typhoon signals (blue 24 h force 6, yellow 24 h force 8, orange 12 h force 10, ' +
        'red 6 h force 12); the time horizons are turned into distances (est.)',
    },
  },
  responseLevelForSignal: {
    value: { blue: 'IV', yellow: 'III', orange: 'II', red: 'I' },
    source:
      'Shanghai flood-control plan: blue signal → Level IV, yellow → Level III; ' +
      'orange → II and red → I by the same pattern (not confirmed)',
  },
  maxFutureSec: 900,
  compounds: {
    depthBandsCm: {
      value: { blue: 15, yellow: 25, orange: 40, red: 50 },
      source: 'as waterlogging points: 15 cm road threshold (sourced); 25 / 40 / 50 cm (est.)',
    },
    peopleBands: {
      value: { blue: 1, yellow: 10, orange: 50, red: 200 },
      source: 'floodnet: any request to move people is news; larger bands (est.)',
    },
    garageFlooded: 'orange',
    powerCut: 'yellow',
    noticeOverdueSeverity: 'yellow',
  },
  movement: defaultMovementConfig,
  materials: defaultMaterialsConfig,
  checkIns: defaultCheckInConfig,
  responseLevelForWarning: {
    value: {
      typhoon: LEVEL_BY_COLOUR,
      rainstorm: LEVEL_BY_COLOUR,
      'high-tide': LEVEL_BY_COLOUR,
      'flood-control': LEVEL_BY_COLOUR,
    },
    source:
      'DOMAIN.md: a blue rainstorm, typhoon or high-tide signal brings city Level IV, yellow ' +
      'Level III (e.g. 2024-09-18, Level IV "in step" with the blue signals); orange → II and ' +
      "red → I by the same pattern (not confirmed); the city flood-control warning's colour " +
      'read the same way (est.)',
  },
  capSeverityColour: {
    value: { Minor: 'blue', Moderate: 'yellow', Severe: 'orange', Extreme: 'red' },
    source:
      "CAP 1.2 severity scale read onto China's four warning colours, lowest to highest (est.; " +
      'the national platform names the colour in the event text, which floodnet reads first)',
  },
  trend: {
    value: {
      // Depth gauges report every 5 min: 30 min gives the fit six points.
      windowMin: 30,
      minPoints: 5,
      minSpanMin: 15,
      minConfidence: 0.8,
      minRise: { cm: 5, m: 0.05 },
      horizonMin: 60,
      reissueShiftMin: 3,
    },
    source:
      'floodnet (est.): a rise of ≥ 5 cm (0.05 m) over ≤ 30 min, R² ≥ 0.8, crossing within 1 h; ' +
      'a ±1.5 cm gauge jitter can fit at most a 4.5 cm rise, so noise alone never alarms',
  },
};
