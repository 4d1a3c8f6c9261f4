import {
  defaultRuleConfig,
  previewLevel,
  SEVERITIES,
  type PlanPreview,
  type ResponseLevel,
  type Severity,
  type SignalKind,
} from '@floodnet/domain';
import { useState } from 'react';
import { nameIn } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { useStore } from '../store/store';
import './plans.css';

/**
 * The suggested response level, which opens to say why: the signals behind it (local estimates,
 * from floodnet's gauges), the criteria that turn a signal into a level, and what the plans for
 * that level would issue to whom. The commander confirms from there.
 */
export function SuggestedLevel(props: {
  suggested: ResponseLevel;
  reasons: string[];
  canSet: boolean;
  busy: boolean;
  onConfirm: (level: ResponseLevel) => Promise<void>;
}) {
  const { language, t } = useLanguage();
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<PlanPreview[]>([]);
  const { suggested } = props;
  const criteria = defaultRuleConfig.responseLevelForSignal;
  function toggle() {
    const state = useStore.getState().picture.state;
    if (!open && state) setPreview(previewLevel(state, suggested));
    setOpen(!open);
  }
  const unitName = (id: string) => {
    const asset = useStore.getState().picture.state?.assets[id];
    return asset ? nameIn(language, asset) : id;
  };
  return (
    <span className="suggested-wrap" style={{ position: 'relative' }}>
      <button
        type="button"
        className={`suggested level-${suggested}`}
        data-testid="suggested-level"
        aria-expanded={open}
        title={t('top.levelReasons', { reasons: props.reasons.join(', ') })}
        onClick={toggle}
      >
        {t('top.suggested', { level: t(`level.${suggested}`) })}
      </button>
      {open && (
        <div className="suggest-pop" role="dialog" data-testid="suggest-explain">
          <strong>{t('suggest.heading', { level: t(`level.${suggested}`) })}</strong>
          <h4>{t('suggest.because')}</h4>
          <ul>
            {props.reasons.map((reason) => {
              const [kind, severity] = reason.split(':') as [SignalKind, Severity];
              return (
                <li key={reason} data-testid="suggest-reason">
                  <span className={`signal sev-${severity}`}>
                    {t(`signal.${kind}`)} {t(`severity.${severity}`)}
                  </span>{' '}
                  <span className="muted">({t('suggest.local')})</span>
                </li>
              );
            })}
          </ul>
          <h4>{t('suggest.criteria')}</h4>
          <ul title={criteria.source}>
            {SEVERITIES.map((severity) => (
              <li key={severity} className={criteria.value[severity] === suggested ? '' : 'muted'}>
                {t('suggest.criterion', {
                  severity: t(`severity.${severity}`),
                  level: t(`level.${criteria.value[severity]}`),
                })}
              </li>
            ))}
          </ul>
          <h4>{t('suggest.wouldIssue')}</h4>
          {preview.length === 0 && <p className="muted">{t('suggest.nothingNew')}</p>}
          {preview.map((plan) => (
            <div key={plan.planId} data-testid="suggest-plan" data-plan-id={plan.planId}>
              <b>{language === 'en' ? plan.nameEn : plan.name}</b>
              <ul>
                {plan.tasks.map((task) => (
                  <li key={task.title}>
                    {language === 'en' ? task.titleEn : task.title}{' '}
                    <span className="muted">
                      ·{' '}
                      {task.assigneeIds.length <= 2
                        ? task.assigneeIds.map(unitName).join('、')
                        : t('suggest.units', { n: task.assigneeIds.length })}{' '}
                      · {task.dueMinutes} min
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {props.canSet && (
            <button
              type="button"
              className="primary"
              data-testid="suggest-confirm"
              disabled={props.busy}
              onClick={() => void props.onConfirm(suggested).then(() => setOpen(false))}
            >
              {t('suggest.confirm', { level: t(`level.${suggested}`) })}
            </button>
          )}
        </div>
      )}
    </span>
  );
}
