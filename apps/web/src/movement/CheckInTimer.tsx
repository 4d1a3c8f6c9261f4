import './movement.css';
import { checkInTimer, defaultRuleConfig } from '@floodnet/domain';
import { useState } from 'react';
import { ApiError } from '../api/http';
import { useLanguage } from '../i18n/use-language';
import { setNotice } from '../store/actions';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { checkInSquad } from './commands';

/**
 * A squad's check-in timer in the roster: minutes since its last check-in on this job (or its
 * arrival), green / warning / critical, and the check-in button (the room checks in for the
 * squad until squad leaders have their own page).
 */
export function CheckInTimer({ squadId }: { squadId: string }) {
  const { t } = useLanguage();
  const canCheckIn = useCan('checkIn');
  const [busy, setBusy] = useState(false);
  const timer = useDerived((store) => {
    const state = store.picture.state;
    if (!state || state.clock === null) return null;
    const found = checkInTimer(state, squadId, state.clock, defaultRuleConfig.checkIns);
    return found
      ? {
          status: found.status,
          minutes: Math.max(0, Math.floor((state.clock - found.since) / 60_000)),
        }
      : null;
  });
  if (!timer) return null;
  return (
    <span
      className={`checkin checkin-${timer.status}`}
      data-testid="checkin-timer"
      data-status={timer.status}
    >
      {t('checkin.label')} {t('checkin.ago', { min: timer.minutes })} ·{' '}
      {t(`checkin.${timer.status}`)}
      {canCheckIn && (
        <button
          type="button"
          data-testid="checkin-button"
          disabled={busy}
          onClick={(event) => {
            event.stopPropagation();
            setBusy(true);
            checkInSquad(squadId)
              .catch((error: unknown) =>
                setNotice(error instanceof ApiError ? error.message : t('error.generic')),
              )
              .finally(() => setBusy(false));
          }}
        >
          {t('checkin.action')}
        </button>
      )}
    </span>
  );
}
