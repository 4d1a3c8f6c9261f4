type EpochMs = number;

export interface HandoverState {
  id: string;
  at: EpochMs;
  by: string;
  note: string;
  /** The stream position of the handover: what changed since is read from the log after it. */
  seq: number;
  summary: {
    openIncidents: number;
    openTasks: number;
    overdueTasks: number;
    peopleAtSites: number;
    hazards: number;
  };
}

export interface HandoverSlice {
  handovers: HandoverState[];
}

export function initialHandover(): HandoverSlice {
  return { handovers: [] };
}
