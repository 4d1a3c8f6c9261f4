import type { HourUtilisation } from '@floodnet/domain';
import { formatDateTime, formatHourMinute } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';

const BARS_HEIGHT = 90;
const LABEL_EVERY_HOURS = 6;
const HOUR_MS = 3600_000;
/** 16:00 UTC is midnight in Shanghai: the date is written there, else the hour. */
const SHANGHAI_MIDNIGHT_UTC_HOUR = 16;

/**
 * Squad utilisation by hour as small bars (share of all units away from standby). Plain SVG with
 * positions in percent, so it fills the width without stretching its labels; a report is opened
 * now and then, so it does not need the chart library.
 */
export function UtilisationChart({ hours }: { hours: readonly HourUtilisation[] }) {
  const { language, t } = useLanguage();
  if (hours.length === 0) return <p className="muted">—</p>;
  const step = 100 / hours.length;
  return (
    <svg
      className="utilisation-chart"
      data-testid="utilisation-chart"
      width="100%"
      height={BARS_HEIGHT + 16}
      role="img"
      aria-label={t('report.utilisation')}
    >
      <line x1="0" x2="100%" y1={BARS_HEIGHT} y2={BARS_HEIGHT} className="axis" />
      {hours.map((hour, i) => {
        const height = Math.max(0, Math.min(1, hour.share)) * BARS_HEIGHT;
        const midnight =
          new Date(hour.hourStart).getUTCHours() === SHANGHAI_MIDNIGHT_UTC_HOUR &&
          hour.hourStart % HOUR_MS === 0;
        return (
          <g key={hour.hourStart}>
            <rect
              data-testid="utilisation-bar"
              x={`${i * step}%`}
              y={BARS_HEIGHT - height}
              width={`${step * 0.8}%`}
              height={height}
            >
              <title>
                {`${formatDateTime(language, hour.hourStart)} · ${t('report.share', {
                  percent: Math.round(hour.share * 100),
                })}`}
              </title>
            </rect>
            {i % LABEL_EVERY_HOURS === 0 && (
              <text x={`${i * step}%`} y={BARS_HEIGHT + 12}>
                {midnight
                  ? formatDateTime(language, hour.hourStart).slice(5, 10)
                  : formatHourMinute(language, hour.hourStart)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
