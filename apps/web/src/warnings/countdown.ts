import type { Translate } from '../i18n/translate';

const MIN_MS = 60_000;

/** "15 小时" / "12 分钟" / "1 小时 20 分" until `at`, from `now`: the countdown on alarms. */
export function countdown(at: number, now: number, t: Translate): string {
  const minutes = Math.round((at - now) / MIN_MS);
  if (minutes <= 0) return t('forecast.now');
  if (minutes < 60) return t('forecast.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  // Far off, the hour is what matters: "in 15 h", not "in 15 h 4 min".
  if (hours >= 6 || rest === 0) return t('forecast.hours', { h: Math.round(minutes / 60) });
  return t('forecast.hoursMinutes', { h: hours, m: rest });
}
