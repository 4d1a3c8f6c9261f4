import { useLanguage } from '../i18n/use-language';
import { formatTime } from '../i18n/translate';
import { useStore } from '../store/store';

/**
 * Across the map whenever the stream is not live: from across the room, a frozen picture must
 * not pass for the current one. The map behind it is greyed by the `.map-area.not-live` rule.
 */
export function ConnectionLostBanner() {
  const { language, t } = useLanguage();
  const status = useStore((store) => store.connection.status);
  const asOf = useStore((store) => store.connection.lastEventAt);
  if (status === 'live') return null;
  // Before the first picture arrives there is nothing frozen to warn about yet.
  if (asOf === null) return <div className="connection-lost">{t('app.loading')}</div>;
  return (
    <div className="connection-lost" role="alert" data-testid="connection-lost">
      <strong>
        {t(status === 'reconnecting' ? 'connection.lostReconnecting' : 'connection.lostOffline')}
      </strong>
      {asOf !== null && (
        <span>{t('connection.frozenAt', { time: formatTime(language, asOf) })}</span>
      )}
    </div>
  );
}
