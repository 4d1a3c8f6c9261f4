import './drills.css';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { SPEEDS } from '../api/drills';
import { formatDateTime } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { isTrainer } from '../store/permissions';
import { useStore } from '../store/store';
import { backToLive, drillTimeAt, setDrillDialog } from '../store/stream-actions';
import { complain, drive, forkHere, refreshDrill, seekTo } from './drill-control';
import { Scrubber } from './Scrubber';
import { parseShanghaiInput, type TimeRange } from './timeline';
import { useTimelineMarks } from './use-timeline-marks';

/** Another trainer may drive the same drill: ask the server where its clock is this often. */
const POLL_MS = 4000;

/**
 * The drill's controls under the map: back to live, play / pause, speed, the timeline with alarms
 * and incidents, a time to jump to, the fork (commanders) and the report.
 */
export default function DrillBar() {
  const { language, t } = useLanguage();
  const stream = useStore((store) => store.drills.following);
  const current = useStore((store) => store.drills.current);
  const clock = useStore((store) => store.drills.clock);
  const role = useStore((store) => store.session?.role);
  const now = useDrillTime();

  useEffect(
    function followDrillClock() {
      void refreshDrill();
      const timer = setInterval(() => void refreshDrill(), POLL_MS);
      return () => clearInterval(timer);
    },
    [stream],
  );

  const playing = clock?.playing ?? false;
  const range = useMemo<TimeRange | null>(() => {
    const from = current?.from ?? null;
    const to = current?.to ?? null;
    return from !== null && to !== null && to > from ? { from, to } : null;
  }, [current]);
  const marks = useTimelineMarks(range);

  // Trainers (commanders, admins) run the drill; everyone else watches it.
  const canDrive = isTrainer(role);
  const canFork = isTrainer(role);
  const speed = clock?.speed ?? 1;

  return (
    <section className="drill-bar" data-testid="drill-bar" aria-label={t('drill.timeline')}>
      <div className="drill-controls">
        <button type="button" data-testid="back-to-live" onClick={backToLive}>
          ← {t('drill.backToLive')}
        </button>
        {canDrive && (
          <button
            type="button"
            className="primary play"
            data-testid={playing ? 'drill-pause' : 'drill-play'}
            aria-label={t(playing ? 'drill.pause' : 'drill.play')}
            title={t(playing ? 'drill.pause' : 'drill.play')}
            disabled={!clock}
            onClick={() => void drive({ action: playing ? 'pause' : 'play' })}
          >
            {playing ? '⏸' : '▶'}
          </button>
        )}
        {canDrive && (
          <div className="speeds" role="group" aria-label={t('drill.speed')}>
            {SPEEDS.map((option) => (
              <button
                key={option}
                type="button"
                data-testid={`speed-${option}`}
                className={option === speed ? 'on' : ''}
                aria-pressed={option === speed}
                onClick={() => void drive({ action: 'speed', speed: option })}
              >
                {option}×
              </button>
            ))}
          </div>
        )}
        {canDrive && range && <JumpTo range={range} now={now} />}
        <span className="drill-now" data-testid="drill-time">
          {now === null ? '—' : formatDateTime(language, now)}
        </span>
        <span className="spacer" />
        {canFork && (
          <button
            type="button"
            className="fork-button"
            data-testid="fork-button"
            title={t('drill.forkHint')}
            disabled={!clock}
            onClick={() =>
              void forkHere(
                t('drill.forkName', {
                  name: current?.name ?? stream,
                  time: now === null ? '' : formatDateTime(language, now),
                }),
              )
            }
          >
            {t('drill.fork')}
          </button>
        )}
        <button type="button" data-testid="report-button" onClick={() => setDrillDialog('report')}>
          {t('drill.report')}
        </button>
      </div>
      {range ? (
        <Scrubber
          range={range}
          at={now}
          marks={marks}
          disabled={!canDrive}
          forkAt={current?.forkAt ?? null}
          onSeek={(at) => void seekTo(at)}
        />
      ) : (
        <div className="scrubber muted">{t('drill.loading')}</div>
      )}
    </section>
  );
}

/**
 * A time to jump to, typed as Shanghai wall-clock time ("2021-07-25 14:00"). A text field rather
 * than the browser's date picker: that one speaks the browser's locale (07/25/2021, 02:00 PM),
 * while everything else on the screen is 24-hour Asia/Shanghai.
 */
function JumpTo({ range, now }: { range: TimeRange; now: number | null }) {
  const { language, t } = useLanguage();
  const [text, setText] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (text === null) return;
    const at = parseShanghaiInput(text);
    if (at === null) return complain(new Error(t('drill.badTime')));
    if (at < range.from || at > range.to) {
      const message = t('drill.outOfRange', {
        from: formatDateTime(language, range.from),
        to: formatDateTime(language, range.to),
      });
      return complain(new Error(message));
    }
    void seekTo(at).then(() => setText(null));
  }
  return (
    <form className="jump-to" onSubmit={submit}>
      <input
        type="text"
        inputMode="numeric"
        data-testid="jump-input"
        aria-label={t('drill.jumpTo')}
        placeholder="2021-07-25 14:00"
        size={16}
        // Shows the drill's time until the trainer starts typing.
        value={text ?? (now === null ? '' : formatDateTime(language, now))}
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" data-testid="jump-button">
        {t('drill.jump')}
      </button>
    </form>
  );
}

/** The drill's time, re-read twice a second while it plays (the drill bar only, not the map). */
export function useDrillTime(): number | null {
  const clock = useStore((store) => store.drills.clock);
  const end = useStore((store) => store.drills.current?.to ?? null);
  // Until the server has told the drill's clock, the newest event's time stands in (a selector
  // that stops reading the picture once the clock is known, so readings re-render nothing).
  const fallback = useStore((store) =>
    store.drills.clock ? null : (store.picture.state?.clock ?? null),
  );
  const [, tick] = useState(0);
  useEffect(
    function tickWhilePlaying() {
      if (!clock?.playing) return;
      const timer = setInterval(() => tick((n) => n + 1), 500);
      return () => clearInterval(timer);
    },
    [clock],
  );
  return drillTimeAt(clock, Date.now(), end) ?? fallback;
}
