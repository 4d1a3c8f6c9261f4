import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Language = 'zh' | 'en';
export const LANGUAGES: readonly Language[] = ['zh', 'en'];
export type { MessageKey };

const dictionaries: Record<Language, Record<MessageKey, string>> = { zh, en };

export type MessageParams = Record<string, string | number>;

/** A message in the given language, with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const text = dictionaries[language][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}

/** An asset's or place's name in the language: `name` is Chinese, `nameEn` English. */
export function nameIn(language: Language, named: { name: string; nameEn?: string }): string {
  return language === 'en' && named.nameEn ? named.nameEn : named.name;
}

/** How long ago, in the unit a reader takes in at a glance: minutes, then hours, then days. */
export function formatAge(language: Language, minutes: number): string {
  if (minutes < 120) return translate(language, 'details.age', { min: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return translate(language, 'details.ageHours', { h: hours });
  return translate(language, 'details.ageDays', { d: Math.round(minutes / 1440) });
}

/**
 * A 街镇's name without 街道 / 镇 (Subdistrict / Town): what fits under a bar and beside its
 * neighbours on the district map, where thirteen full names would run into each other.
 */
export function shortJiezhenName(language: Language, props: { name: string; nameEn: string }) {
  const name = nameIn(language, props);
  return language === 'en'
    ? name.replace(/ (Subdistrict|Town)$/, '').replace(/ Road$/, ' Rd')
    : name.replace(/(街道|镇)$/, '');
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: Language, options: Intl.DateTimeFormatOptions, key: string) {
  const cacheKey = `${language}:${key}`;
  let formatter = formats.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
      ...options,
      timeZone: 'Asia/Shanghai',
      hourCycle: 'h23',
    });
    formats.set(cacheKey, formatter);
  }
  return formatter;
}

/** HH:MM:SS in Asia/Shanghai. */
export function formatTime(language: Language, ms: number): string {
  return format(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }, 'hms').format(
    ms,
  );
}

/** HH:MM in Asia/Shanghai. */
export function formatHourMinute(language: Language, ms: number): string {
  return format(language, { hour: '2-digit', minute: '2-digit' }, 'hm').format(ms);
}

/** YYYY-MM-DD HH:MM in Asia/Shanghai, for the stream clock (a drill may be years ago). */
export function formatDateTime(language: Language, ms: number): string {
  const parts = format(
    language,
    {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    },
    'ymdhm',
  ).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
