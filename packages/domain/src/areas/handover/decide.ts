import { yes, type Deciders } from '../../model/area.js';
import { headline } from './report.js';

export const handoverRoles = { handOverShift: ['duty', 'commander', 'admin', 'system'] } as const;

export const handoverDeciders: Deciders<'handOverShift'> = {
  handOverShift(command, state, { at, actor }) {
    const handoverId = `handover-${state.handovers.length + 1}`;
    return yes([
      {
        type: 'shift.handedOver',
        at,
        data: { handoverId, by: actor, note: command.note, summary: headline(state) },
      },
    ]);
  },
};
