import { formatHourMinute } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { useDerived } from '../store/hooks';
import type { CommandOutbox } from './outbox';

/** The notices sent to this compound or squad, newest first, each with its acknowledge button. */
export function NoticeList({ unitId, outbox }: { unitId: string; outbox: CommandOutbox }) {
  const { language, t } = useLanguage();
  const notices = useDerived((store) => {
    const state = store.picture.state;
    if (!state) return [];
    return Object.values(state.notices)
      .filter((notice) => notice.recipients[unitId])
      .reverse()
      .map((notice) => ({
        id: notice.id,
        title: notice.title,
        body: notice.body,
        issuedAt: notice.issuedAt,
        ackBy: notice.ackBy,
        acknowledged: notice.recipients[unitId]!.acknowledged,
        overdue: notice.recipients[unitId]!.overdue,
      }));
  });
  return (
    <section className="phone-card" data-testid="notice-list">
      <h2>{t('compound.notices')}</h2>
      {notices.length === 0 && <p className="muted">{t('compound.noNotices')}</p>}
      {notices.map((notice) => (
        <article
          key={notice.id}
          className={`phone-notice${notice.acknowledged === null ? ' open' : ''}`}
          data-testid={`notice-${notice.id}`}
        >
          <h3>{notice.title}</h3>
          <p className="muted">{formatHourMinute(language, notice.issuedAt)}</p>
          <p>{notice.body}</p>
          {notice.acknowledged !== null ? (
            <p className="done">
              ✓ {t('compound.acked', { time: formatHourMinute(language, notice.acknowledged) })}
            </p>
          ) : (
            <>
              {notice.ackBy !== null && (
                <p className={notice.overdue !== null ? 'late' : 'muted'}>
                  {notice.overdue !== null
                    ? t('compound.overdue')
                    : t('compound.ackBy', { time: formatHourMinute(language, notice.ackBy) })}
                </p>
              )}
              <button
                type="button"
                className="big primary"
                data-testid={`ack-${notice.id}`}
                onClick={() =>
                  outbox.send(`/api/v1/notices/${encodeURIComponent(notice.id)}/ack`, {}, notice.id)
                }
              >
                {t('compound.ack')}
              </button>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
