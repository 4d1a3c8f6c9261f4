import type { AlertKind } from '@floodnet/domain';
import type { Translate } from '../i18n/translate';

const UNITS: Record<AlertKind, string> = {
  rainstorm: 'mm',
  tide: 'm',
  'water-level': 'm',
  waterlogging: 'cm',
  'underpass-closure': 'cm',
  'pump-fault': '',
  'sensor-stale': '',
  'task-overdue': 'min',
  'compound-report': '',
  'notice-overdue': 'min',
  'low-stock': '',
  'check-in': 'min',
  forecast: '',
  trend: '',
};

function round(value: number, unit: string): string {
  return unit === 'm' ? value.toFixed(2) : String(Math.round(value * 10) / 10);
}

/** "32 cm (threshold 25 cm)" for measured alarms; nothing for state alarms. */
export function formatAlarmValue(kind: AlertKind, value: number, threshold: number, t: Translate) {
  const unit = UNITS[kind];
  if (!unit) return '';
  return t('alarm.value', {
    value: `${round(value, unit)} ${unit}`,
    threshold: `${round(threshold, unit)} ${unit}`,
  });
}
