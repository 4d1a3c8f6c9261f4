/** Times in the state are epoch milliseconds; the envelope carries ISO strings. */
type EpochMs = number;

/** A unit's last believed fix, and how often its tracker usually reports. */
export interface PositionState {
  lat: number;
  lng: number;
  at: EpochMs;
  speedKmh: number | null;
  headingDeg: number | null;
  /** A running mean of the gaps between fixes: "older than usual" is measured against it. */
  intervalMs: number;
  /** Fixes recorded but not believed (too fast), for the record. */
  flagged: number;
}

export interface MovementSlice {
  /** By unit id (a team, a squad or a vehicle). */
  positions: Record<string, PositionState>;
}

export function initialMovement(): MovementSlice {
  return { positions: {} };
}
