import { no, yes, type Deciders } from '../../model/area.js';
import { bindingRefusal } from '../../model/binding.js';
import type { DomainEvent } from '../../model/events.js';
import { own } from '../../model/state.js';
import { refuse } from '../../refusals.js';
import { alertTransition } from '../alerts/rules.js';
import { isCompound } from '../notices/audience.js';
import { reportAlert } from './rules.js';

export const compoundRoles = { reportFromCompound: ['compound', 'system'] } as const;

export const compoundDeciders: Deciders<'reportFromCompound'> = {
  reportFromCompound(command, state, { at, actor: by, config }) {
    const bound = bindingRefusal(by, command.compoundId, 'compoundId');
    if (bound) return no(bound);
    const compound = own(state.assets, command.compoundId);
    if (!compound || !isCompound(compound))
      return no(refuse('UNKNOWN_COMPOUND', command.compoundId, 'compoundId'));
    const reportId = `report-${state.compoundReportCount + 1}`;
    const events: DomainEvent[] = [
      {
        type: 'compound.reported',
        at,
        ...(command.requestId ? { id: command.requestId } : {}),
        data: {
          reportId,
          compoundId: compound.id,
          kind: command.kind,
          depthCm: command.depthCm ?? null,
          where: command.where ?? null,
          people: command.people ?? null,
          text: command.text ?? null,
          by,
        },
      },
    ];
    const alert = reportAlert(command, config);
    if (alert.action !== 'none') {
      events.push(
        ...alertTransition(state, at, 'compound-report', compound.id, {
          severity: alert.action === 'raise' ? alert.severity : null,
          value: alert.action === 'raise' ? alert.value : 0,
          threshold: alert.action === 'raise' ? alert.threshold : 0,
          clear: alert.action === 'clear',
        }),
      );
    }
    return yes(events);
  },
};
