import { no, yes, type Deciders } from '../../model/area.js';
import { own } from '../../model/state.js';
import { refuse } from '../../refusals.js';

export const alertRoles = { acknowledgeAlert: ['duty', 'commander', 'admin'] } as const;

export const alertDeciders: Deciders<'acknowledgeAlert'> = {
  acknowledgeAlert(command, state, { at, actor }) {
    const alert = own(state.alerts, command.alertId);
    if (!alert) return no(refuse('UNKNOWN_ALERT', command.alertId));
    if (alert.acknowledgedAt !== null)
      return no(refuse('ALERT_ALREADY_ACKNOWLEDGED', alert.acknowledgedBy ?? ''));
    return yes([{ type: 'alert.acknowledged', at, data: { alertId: alert.id, by: actor } }]);
  },
};
