import type { SquadStatus } from '@floodnet/domain';
import { NEXT_STATUS } from '@floodnet/domain';
import { useLanguage } from '../../i18n/use-language';
import { useDerived } from '../../store/hooks';
import type { CommandOutbox } from '../outbox';

const BUTTONS: {
  status: SquadStatus;
  label: 'squad.enRoute' | 'squad.onScene' | 'squad.returning';
}[] = [
  { status: 'en-route', label: 'squad.enRoute' },
  { status: 'on-scene', label: 'squad.onScene' },
  { status: 'returning', label: 'squad.returning' },
];

/** En route, on scene, returning: only the steps the squad can take from where it is. */
export function StatusButtons({ squadId, outbox }: { squadId: string; outbox: CommandOutbox }) {
  const { t } = useLanguage();
  const status = useDerived((store) => store.picture.state?.units[squadId]?.status ?? null);
  if (!status) return null;
  return (
    <section className="phone-card" data-testid="status-buttons">
      <p>{t('squad.status', { status: t(`status.${status}`) })}</p>
      <div className="status-row">
        {BUTTONS.map(({ status: next, label }) => (
          <button
            key={next}
            type="button"
            className="big"
            data-testid={`status-${next}`}
            disabled={!NEXT_STATUS[status].includes(next)}
            onClick={() =>
              outbox.send(
                `/api/v1/squads/${encodeURIComponent(squadId)}/status`,
                { status: next },
                next,
              )
            }
          >
            {t(label)}
          </button>
        ))}
      </div>
    </section>
  );
}
