/** Times in the state are epoch milliseconds; the envelope carries ISO strings. */
type EpochMs = number;

export interface CheckInState {
  /** The incident the last check-in was for: a check-in on an earlier job does not count. */
  incidentId: string;
  lastAt: EpochMs;
  count: number;
}

export interface CheckInsSlice {
  /** The last check-in of each squad, by squad id. */
  checkIns: Record<string, CheckInState>;
}

export function initialCheckIns(): CheckInsSlice {
  return { checkIns: {} };
}
