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
