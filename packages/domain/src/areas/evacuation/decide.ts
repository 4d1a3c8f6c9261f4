import { no, yes, type Deciders } from '../../model/area.js';
import { own } from '../../model/state.js';
import { refuse } from '../../refusals.js';
import { nearestWithRoom } from './sites.js';

export const evacuationRoles = {
  recordEvacuation: ['duty', 'commander', 'admin'],
  recordReturn: ['duty', 'commander', 'admin'],
} as const;

export const evacuationDeciders: Deciders<'recordEvacuation' | 'recordReturn'> = {
  recordEvacuation(command, state, { at, actor }) {
    const { fromId, toSiteId, people } = command;
    const from = own(state.assets, fromId);
    if (!from) return no(refuse('UNKNOWN_POINT', fromId, 'fromId'));
    const site = own(state.assets, toSiteId);
    if (site?.kind !== 'resettlement-site') return no(refuse('UNKNOWN_SITE', toSiteId, 'toSiteId'));
    const free = site.capacity - (state.occupancy[site.id] ?? 0);
    if (people > free) {
      // Name the nearest place that can take them all, from where the people are.
      const other = nearestWithRoom(state, from, people, site.id);
      const instead = other
        ? `nearest with room: ${other.siteId} ${other.name} (${other.free} free, ${other.km.toFixed(1)} km)`
        : 'no site has room for them all';
      return no(
        refuse(
          'SITE_FULL',
          `${site.id} has room for ${free} of ${people}; ${instead}`,
          'toSiteId',
          {
            nearestSiteId: other?.siteId ?? null,
            free,
          },
        ),
      );
    }
    const evacuationId = `evac-${Object.keys(state.evacuations).length + 1}`;
    return yes([
      {
        type: 'evacuation.recorded',
        at,
        data: { evacuationId, fromId, toSiteId, people, jiezhen: from.jiezhen, by: actor },
      },
    ]);
  },
  recordReturn(command, state, { at, actor }) {
    const evacuation = own(state.evacuations, command.evacuationId);
    if (!evacuation) return no(refuse('UNKNOWN_EVACUATION', command.evacuationId));
    if (evacuation.returnedAt !== null) return no(refuse('ALREADY_RETURNED', command.evacuationId));
    return yes([
      { type: 'evacuation.returned', at, data: { evacuationId: evacuation.id, by: actor } },
    ]);
  },
};
