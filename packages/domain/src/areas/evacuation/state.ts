type EpochMs = number;

export interface EvacuationState {
  id: string;
  fromId: string;
  toSiteId: string;
  people: number;
  jiezhen: string | null;
  movedAt: EpochMs;
  returnedAt: EpochMs | null;
}

export interface EvacuationSlice {
  evacuations: Record<string, EvacuationState>;
  /** People at each resettlement site now. */
  occupancy: Record<string, number>;
}

export function initialEvacuation(): EvacuationSlice {
  return { evacuations: {}, occupancy: {} };
}
