import { describe, expect, it } from 'vitest';
import { formatAge } from './translate';

describe('the age of a reading', () => {
  it('reads in minutes, then hours, then days', () => {
    expect(formatAge('zh', 25)).toBe('25 分钟前');
    expect(formatAge('zh', 150)).toBe('3 小时前');
    expect(formatAge('en', 47 * 60)).toBe('47 h ago');
    // a gauge silent since last year's season: days, not 2,819,500 minutes
    expect(formatAge('en', 2_819_500)).toBe('1958 days ago');
  });
});
