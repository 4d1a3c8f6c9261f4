import { useLanguage } from '../../i18n/use-language';
import { useDerived } from '../../store/hooks';
import type { CommandOutbox } from '../outbox';

/** Check-in (the movement branch's `POST /squads/:id/check-in`) while out on a job. */
export function CheckInButton({ squadId, outbox }: { squadId: string; outbox: CommandOutbox }) {
  const { t } = useLanguage();
  const onJob = useDerived((store) => {
    const status = store.picture.state?.units[squadId]?.status;
    return status === 'en-route' || status === 'on-scene' || status === 'assigned';
  });
  return (
    <section className="phone-card">
      <button
        type="button"
        className="big primary"
        data-testid="check-in"
        disabled={!onJob}
        onClick={() =>
          outbox.send(`/api/v1/squads/${encodeURIComponent(squadId)}/check-in`, {}, 'check-in')
        }
      >
        {t('squad.checkIn')}
      </button>
    </section>
  );
}
