import { RESPONSE_LEVELS, SIGNAL_KINDS, type ResponseLevel } from '@floodnet/domain';
import { useEffect, useRef, useState } from 'react';
import { setResponseLevel } from '../api/commands';
import { ApiError } from '../api/http';
import { formatDateTime, formatTime } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import {
  setAdminOpen,
  setChime,
  setLanguage,
  setNotice,
  setTheme,
  signOut,
} from '../store/actions';
import { useDerived } from '../store/hooks';
import { useCan } from '../store/permissions';
import { useStore } from '../store/store';
import { drillTimeAt, setDrillDialog } from '../store/stream-actions';
import { Search } from './Search';
import { SuggestedLevel } from '../plans/SuggestedLevel';
import { LocalEstimateLabel, OfficialWarnings } from '../warnings/OfficialWarnings';

/** Always visible: title, response level, signals, stream clock, connection, language, user. */
export function TopBar() {
  const { language, t } = useLanguage();
  const drill = useStore((store) => store.ui.drill);
  const session = useStore((store) => store.session);
  const theme = useStore((store) => store.ui.theme);
  const chime = useStore((store) => store.ui.chime);
  return (
    <header className="top-bar">
      <h1 className="app-title">{t('app.title')}</h1>
      {drill && <DrillBanner />}
      <ResponseLevelBadge />
      <OfficialWarnings />
      <Signals />
      <StreamClock />
      <ConnectionBadge />
      <Search />
      <div className="top-tools">
        <button
          type="button"
          className="lang-switch"
          data-testid="language-switch"
          aria-label="中文 / English"
          onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
        >
          <span className={language === 'zh' ? 'on' : ''}>中</span>/
          <span className={language === 'en' ? 'on' : ''}>EN</span>
        </button>
        <button
          type="button"
          title={t('top.theme')}
          aria-label={t('top.theme')}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? '☾' : '☀'}
        </button>
        <button
          type="button"
          title={t('top.chime')}
          aria-label={t('top.chime')}
          aria-pressed={chime}
          className={chime ? 'on' : 'chime-off'}
          onClick={() => setChime(!chime)}
        >
          ♪
        </button>
        <button type="button" data-testid="drills-button" onClick={() => setDrillDialog('drills')}>
          {t('drill.drills')}
        </button>
        {session?.role === 'admin' && (
          <button type="button" onClick={() => setAdminOpen(true)}>
            {t('top.admin')}
          </button>
        )}
        <span className="user" data-testid="user">
          {session?.username} · {session ? t(`role.${session.role}`) : ''}
        </span>
        <button type="button" data-testid="logout" onClick={signOut}>
          {t('top.logout')}
        </button>
      </div>
    </header>
  );
}

function ResponseLevelBadge() {
  const { t } = useLanguage();
  const canSet = useCan('setResponseLevel');
  const [busy, setBusy] = useState(false);
  const { level, suggested, reasons } = useDerived((store) => ({
    level: store.picture.state?.responseLevel ?? null,
    suggested: store.picture.state?.suggestedLevel ?? null,
    reasons: [...(store.picture.state?.suggestedReasons ?? [])],
  }));
  async function change(next: ResponseLevel | null) {
    setBusy(true);
    try {
      await setResponseLevel(next);
    } catch (error) {
      setNotice(error instanceof ApiError ? error.message : t('error.generic'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="response-level" data-testid="response-level" data-level={level ?? 'none'}>
      <span className="label">{t('top.responseLevel')}</span>
      {canSet ? (
        <select
          aria-label={t('top.setLevel')}
          className={`level level-${level ?? 'none'}`}
          value={level ?? ''}
          disabled={busy}
          onChange={(event) => void change((event.target.value || null) as ResponseLevel | null)}
        >
          <option value="">{t('top.noResponse')}</option>
          {RESPONSE_LEVELS.map((option) => (
            <option key={option} value={option}>
              {t(`level.${option}`)}
            </option>
          ))}
        </select>
      ) : (
        <strong className={`level level-${level ?? 'none'}`}>
          {level ? t(`level.${level}`) : t('top.noResponse')}
        </strong>
      )}
      {suggested !== level && suggested && (
        <SuggestedLevel
          suggested={suggested}
          reasons={reasons}
          canSet={canSet}
          busy={busy}
          onConfirm={change}
        />
      )}
    </div>
  );
}

function Signals() {
  const { t } = useLanguage();
  // A copy: the picture is folded in place, so the same object would never compare as changed.
  const signals = useDerived((store) => {
    const current = store.picture.state?.signals;
    return current ? { ...current } : null;
  });
  const active = SIGNAL_KINDS.filter((kind) => signals?.[kind]);
  return (
    <div className="signals" data-testid="signals" aria-label={t('top.signals')}>
      <LocalEstimateLabel />
      {active.length === 0 && <span className="muted">{t('top.noSignals')}</span>}
      {active.map((kind) => (
        <span key={kind} className={`signal sev-${signals![kind]}`} data-signal={kind}>
          {t(`signal.${kind}`)} {t(`severity.${signals![kind]!}`)}
        </span>
      ))}
    </div>
  );
}

/** 演练 DRILL across the top bar; on a trainees' fork, 推演分支 FORK beside it. */
function DrillBanner() {
  const { t } = useLanguage();
  const fork = useStore((store) => !!store.drills.current?.parentId);
  return (
    <div className="drill-banner" data-testid="drill-banner" role="status">
      <span>{t('app.drillBanner')}</span>
      {fork && (
        <span className="fork-label" data-testid="fork-label">
          {t('drill.forkLabel')}
        </span>
      )}
    </div>
  );
}

/**
 * The stream's time, written straight into the DOM so readings never re-render React. On live it
 * is the newest event's time; on a drill it is the drill's own clock (it runs while playing, even
 * between events), labelled as drill time.
 */
function StreamClock() {
  const { language, t } = useLanguage();
  const drill = useStore((store) => store.ui.drill);
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(
    function followStreamClock() {
      let shown = '';
      const draw = () => {
        const { picture, drills } = useStore.getState();
        const clock =
          (drill ? drillTimeAt(drills.clock, Date.now(), drills.current?.to ?? null) : null) ??
          picture.state?.clock ??
          null;
        const text = clock === null ? '—' : `${formatDateTime(language, clock)} CST`;
        if (text !== shown && ref.current) ref.current.textContent = shown = text;
        // The seq of the picture on screen, for support and tests to compare with the server's.
        if (ref.current) ref.current.dataset.seq = String(picture.state?.seq ?? 0);
      };
      draw();
      const unsubscribe = useStore.subscribe((store, prev) => {
        if (store.picture.version !== prev.picture.version || store.drills !== prev.drills) draw();
      });
      // A playing drill's clock moves between events too.
      const timer = drill ? setInterval(draw, 1000) : null;
      return () => {
        unsubscribe();
        if (timer) clearInterval(timer);
      };
    },
    [language, drill],
  );
  return (
    <span className={`stream-clock${drill ? ' drill-clock' : ''}`}>
      {drill && <span className="clock-label">{t('drill.clock')}</span>}
      <span data-testid="stream-clock" title={t('top.streamClock')} ref={ref} />
    </span>
  );
}

function ConnectionBadge() {
  const { language, t } = useLanguage();
  const status = useStore((store) => store.connection.status);
  // "实时 / live" would be a lie on a drill: there the dot only says the stream is connected.
  const drill = useStore((store) => store.ui.drill);
  const asOf = useStore((store) =>
    store.connection.status === 'live' ? null : store.connection.lastEventAt,
  );
  return (
    <div
      className={`connection connection-${status}`}
      data-testid="connection-state"
      data-status={status}
    >
      <span className="dot">●</span>{' '}
      {drill && status === 'live' ? t('drill.connected') : t(`connection.${status}`)}
      {asOf !== null && (
        <span className="as-of">{t('top.dataAsOf', { time: formatTime(language, asOf) })}</span>
      )}
    </div>
  );
}
