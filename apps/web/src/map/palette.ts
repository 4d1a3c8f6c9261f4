import type { GateStatus, PumpStatus, Severity, SquadStatus } from '@floodnet/domain';

// Each colour family means one thing (UI.md): warning signals and alarm severity use the national
// blue / yellow / orange / red and nothing else does; squad status has its own small palette;
// water (depth, rain) is a violet ramp; equipment state is teal / grey / pink; stale is dim grey.

export const SEVERITY_COLOURS: Record<Severity, string> = {
  blue: '#1e88e5',
  yellow: '#fdd835',
  orange: '#fb8c00',
  red: '#e53935',
};

export const SQUAD_STATUS_COLOURS: Record<SquadStatus, string> = {
  standby: '#43a047',
  assigned: '#ffb300',
  'en-route': '#ffb300',
  'on-scene': '#4fc3f7',
  returning: '#9e9e9e',
  unavailable: '#455a64',
};

export const PUMP_COLOURS: Record<PumpStatus, string | null> = {
  running: '#00bfa5',
  stopped: null, // hollow: present but idle
  fault: '#ff4081',
};
export const EQUIPMENT_STROKE = '#90a4ae';

/** Tide gates: filled when closed (holding the tide out), hollow when open. */
export const GATE_FILL: Record<GateStatus, string | null> = { open: null, closed: '#b0bec5' };

export const INCIDENT_COLOURS = { open: '#ff4081', assigned: '#ffb300' } as const;
export const STALE_COLOUR = '#757575';
export const GAUGE_COLOUR = '#e0e0e0';
export const SHELTER_COLOUR = '#bcaaa4';
export const LOGISTICS_COLOUR = '#a1887f';
export const TYPHOON_TRACK_COLOUR = '#cfd8dc';

/** Water depth in cm → the violet ramp; the first step is "little or none". */
export const DEPTH_STEPS: readonly [number, string][] = [
  [0, '#d1c4e9'],
  [5, '#b39ddb'],
  [15, '#9575cd'],
  [25, '#7c4dff'],
  [40, '#d500f9'],
];

export function depthColour(cm: number | null): string {
  if (cm === null) return STALE_COLOUR;
  let colour = DEPTH_STEPS[0]![1];
  for (const [from, step] of DEPTH_STEPS) if (cm >= from) colour = step;
  return colour;
}

/** Rain in the last hour (mm) → the same violet, as a fill opacity over the 街镇. */
export const RAIN_SHADE_COLOUR = '#7c4dff';
export const RAIN_SHADE_STEPS: readonly number[] = [0, 5, 15, 35, 50, 80];
export function rainShadeOpacity(mm: number): number {
  if (mm <= 0) return 0.03;
  return Math.min(0.45, 0.06 + (mm / 80) * 0.39);
}

/** Base-map colours per theme. */
export const BASE_COLOURS = {
  dark: {
    background: '#0b1016',
    district: '#cfd8dc',
    jiezhen: '#546e7a',
    river: '#1c3d5a',
    riverStroke: '#2f5f8a',
    keyArea: '#f8bbd0',
    markerStroke: '#0b1016',
    selected: '#ffffff',
  },
  light: {
    background: '#eef1f4',
    district: '#263238',
    jiezhen: '#90a4ae',
    river: '#9ec9ee',
    riverStroke: '#5b8fc0',
    keyArea: '#ad1457',
    markerStroke: '#ffffff',
    selected: '#000000',
  },
} as const;
