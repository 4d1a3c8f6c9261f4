const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** An epoch time as ISO-8601 in Asia/Shanghai (+08:00, no daylight saving), e.g. for `at`. */
export function toShanghaiIso(epochMs: number): string {
  const shifted = new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString(); // …Z, but local digits
  const millis = shifted.slice(19, 23);
  return `${shifted.slice(0, 19)}${millis === '.000' ? '' : millis}+08:00`;
}

export function parseTime(iso: string): number {
  return Date.parse(iso);
}
