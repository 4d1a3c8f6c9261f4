import type { Command } from '../model/commands.js';

/** A duty officer reports the waterlogging at 永福路. */
export const report: Command = {
  type: 'reportIncident',
  kind: 'waterlogging',
  location: { lat: 31.211, lng: 121.441 },
  pointId: 'wl-yongfu-road',
  description: '永福路积水 20 cm',
};

/** A commander sends a squad to an incident (the first one by default). */
export const assign = (squadId: string, incidentId = 'inc-1'): Command => ({
  type: 'assignSquad',
  incidentId,
  squadId,
});
