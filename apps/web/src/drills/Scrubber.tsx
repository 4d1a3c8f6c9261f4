import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatDateTime, type Language } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { fractionAt, timeAtFraction, type TimelineMark, type TimeRange } from './timeline';

const DAY_MS = 24 * 3600_000;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
/** Arrow keys move ten minutes, with Shift an hour. */
const KEY_STEP_MS = 10 * 60_000;
const KEY_BIG_STEP_MS = 3600_000;

interface ScrubberProps {
  range: TimeRange;
  /** The drill's time now, or null before the server has said. */
  at: number | null;
  marks: readonly TimelineMark[];
  /** Asked once per click or drag, when the pointer is released. */
  onSeek(at: number): void;
  disabled?: boolean;
  /** On a fork, where it left its original: it can move on from there, never back. */
  forkAt?: number | null;
}

/**
 * The drill's timeline: the whole recording as a track, alarms and incidents marked where they
 * happened (those still ahead of the clock dimmer), the drill's time as a handle. Click or drag
 * to seek; arrow keys step.
 */
export function Scrubber({
  range,
  at,
  marks,
  onSeek,
  disabled = false,
  forkAt = null,
}: ScrubberProps) {
  const { language, t } = useLanguage();
  const track = useRef<HTMLDivElement>(null);
  const [dragAt, setDragAt] = useState<number | null>(null);
  // Whether a press is under way, read by the handlers without waiting for a render.
  const pressed = useRef(false);
  const shown = dragAt ?? at;
  const fraction = shown === null ? 0 : fractionAt(shown, range);

  function timeUnder(clientX: number): number {
    const box = track.current!.getBoundingClientRect();
    return timeAtFraction(box.width > 0 ? (clientX - box.left) / box.width : 0, range);
  }

  function down(event: PointerEvent<HTMLDivElement>) {
    if (disabled || event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    pressed.current = true;
    setDragAt(timeUnder(event.clientX));
  }
  function move(event: PointerEvent<HTMLDivElement>) {
    if (pressed.current) setDragAt(timeUnder(event.clientX));
  }
  function up(event: PointerEvent<HTMLDivElement>) {
    if (!pressed.current) return;
    pressed.current = false;
    setDragAt(null);
    onSeek(timeUnder(event.clientX));
  }
  function cancel() {
    pressed.current = false;
    setDragAt(null);
  }
  function key(event: KeyboardEvent<HTMLDivElement>) {
    if (disabled || at === null) return;
    const step = event.shiftKey ? KEY_BIG_STEP_MS : KEY_STEP_MS;
    const next =
      event.key === 'ArrowRight'
        ? at + step
        : event.key === 'ArrowLeft'
          ? at - step
          : event.key === 'Home'
            ? range.from
            : event.key === 'End'
              ? range.to
              : null;
    if (next === null) return;
    event.preventDefault();
    onSeek(timeAtFraction(fractionAt(next, range), range));
  }

  return (
    <div
      className={`scrubber${disabled ? ' disabled' : ''}${dragAt !== null ? ' dragging' : ''}`}
      data-testid="scrubber"
      role="slider"
      tabIndex={disabled ? -1 : 0}
      aria-label={t('drill.timeline')}
      aria-valuemin={range.from}
      aria-valuemax={range.to}
      aria-valuenow={shown ?? range.from}
      aria-valuetext={shown === null ? '—' : formatDateTime(language, shown)}
      aria-disabled={disabled}
      onKeyDown={key}
    >
      <div
        className="scrubber-track"
        data-testid="scrubber-track"
        ref={track}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={cancel}
      >
        <div className="scrubber-played" style={{ width: `${fraction * 100}%` }} />
        {forkAt !== null && (
          <span
            className="fork-point"
            data-testid="fork-point"
            style={{ left: `${fractionAt(forkAt, range) * 100}%` }}
            title={`${t('drill.forkPoint')} ${formatDateTime(language, forkAt)}`}
          />
        )}
        {marks.map((mark) => (
          <span
            key={`${mark.kind}:${mark.id}`}
            className={`timeline-mark mark-${mark.kind}${mark.severity ? ` sev-${mark.severity}` : ''}${at !== null && mark.at > at ? ' ahead' : ''}`}
            data-testid="timeline-mark"
            data-kind={mark.kind}
            data-ahead={at !== null && mark.at > at}
            data-fraction={mark.fraction.toFixed(4)}
            style={{ left: `${mark.fraction * 100}%` }}
            title={`${t(mark.kind === 'alarm' ? 'drill.markAlarm' : 'drill.markIncident')} ${formatDateTime(language, mark.at)}`}
          />
        ))}
        {shown !== null && (
          <div
            className="scrubber-handle"
            data-testid="scrubber-handle"
            style={{ left: `${fraction * 100}%` }}
          >
            {dragAt !== null && (
              <span className="scrubber-tip">{formatDateTime(language, dragAt)}</span>
            )}
          </div>
        )}
      </div>
      <DayTicks range={range} language={language} />
    </div>
  );
}

/** A tick at each Shanghai midnight inside the range, labelled with the date. */
function DayTicks({ range, language }: { range: TimeRange; language: Language }) {
  const ticks: number[] = [];
  const firstMidnight =
    Math.ceil((range.from + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  for (let day = firstMidnight; day <= range.to && ticks.length < 32; day += DAY_MS) {
    ticks.push(day);
  }
  return (
    <div className="scrubber-ticks" aria-hidden>
      {ticks.map((day) => (
        <span key={day} style={{ left: `${fractionAt(day, range) * 100}%` }}>
          {formatDateTime(language, day).slice(5, 10)}
        </span>
      ))}
    </div>
  );
}
