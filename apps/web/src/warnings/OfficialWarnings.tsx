import { warningsInForce } from '@floodnet/domain';
import { formatDateTime } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { useDerived } from '../store/hooks';
import './warnings.css';

/**
 * Official warnings in force, as their issuers published them (CAP), in the top bar beside
 * floodnet's own local estimates: filled badges under 官方, where the estimates are outlined
 * under 本地估计, so the two are never confused.
 */
export function OfficialWarnings() {
  const { language, t } = useLanguage();
  const warnings = useDerived((store) => {
    const state = store.picture.state;
    return state
      ? warningsInForce(state).map(({ id, kind, level, headline, expiresAt }) => ({
          id,
          kind,
          level,
          headline,
          expiresAt,
        }))
      : [];
  });
  return (
    <div
      className="official-warnings"
      data-testid="official-warnings"
      title={t('warn.officialTitle')}
    >
      <span className="source-label official">{t('warn.official')}</span>
      {warnings.length === 0 && <span className="muted">{t('warn.none')}</span>}
      {warnings.map((warning) => (
        <span
          key={warning.id}
          className={`official-warning sev-${warning.level}`}
          data-testid="official-warning"
          data-kind={warning.kind}
          data-level={warning.level}
          title={`${warning.headline} · ${t('warn.expires', {
            time: formatDateTime(language, warning.expiresAt),
          })}`}
        >
          {t(`warn.kind.${warning.kind}`)} {t(`severity.${warning.level}`)}
        </span>
      ))}
    </div>
  );
}

/** The label that marks floodnet's own inferred signals as estimates, not official warnings. */
export function LocalEstimateLabel() {
  const { t } = useLanguage();
  return (
    <span className="source-label local" title={t('warn.localTitle')}>
      {t('warn.local')}
    </span>
  );
}
