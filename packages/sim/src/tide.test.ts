import { describe, expect, it } from 'vitest';
import { defaultRuleConfig, toShanghaiIso } from '@floodnet/domain';
import { loadBestTrack } from './fixtures';
import { HuangpuTide } from './tide';
import { StormTrack } from './track';

const track = new StormTrack(loadBestTrack());
const tide = new HuangpuTide(track);
const bands = defaultRuleConfig.tideBandsM['tide-huangpu-park']!.value;

/** High waters between 23 Jul 08:00 and 27 Jul 08:00 on the 10-minute reading grid. */
function highWaters() {
  const start = Date.parse('2021-07-23T08:00:00+08:00');
  const out: { at: string; level: number }[] = [];
  for (let t = start + 600_000; t < start + 4 * 86_400_000; t += 600_000) {
    const [before, here, after] = [t - 600_000, t, t + 600_000].map((ms) => tide.level(ms));
    if (here! > before! && here! >= after!) out.push({ at: toShanghaiIso(t), level: here! });
  }
  return out;
}

describe('the Huangpu at 黄浦公园', () => {
  it('peaks in the blue band on the 24th, yellow on the 25th and red on the 26th', () => {
    const dayMax = (day: string) =>
      Math.max(
        ...highWaters()
          .filter((hw) => hw.at.startsWith(day))
          .map((hw) => hw.level),
      );
    expect(dayMax('2021-07-23')).toBeLessThan(bands.blue);
    expect(dayMax('2021-07-24')).toBeGreaterThanOrEqual(bands.blue);
    expect(dayMax('2021-07-24')).toBeLessThan(bands.yellow);
    expect(dayMax('2021-07-25')).toBeGreaterThanOrEqual(bands.yellow);
    expect(dayMax('2021-07-25')).toBeLessThan(bands.orange);
    expect(dayMax('2021-07-26')).toBeGreaterThanOrEqual(bands.red);
  });

  it('has its higher high waters in the early morning (子潮), the daytime ones below the warning', () => {
    for (const hw of highWaters()) {
      const hour = Number(hw.at.slice(11, 13)) + Number(hw.at.slice(14, 16)) / 60;
      const earlyMorning = hour >= 23.5 || hour <= 3.5;
      const daytime = hour >= 11 && hour <= 15.5;
      expect(earlyMorning || daytime, hw.at).toBe(true);
      if (daytime) expect(hw.level, hw.at).toBeLessThan(bands.blue - 0.1);
    }
  });

  it('peaks at 00:00–03:00 on 24 / 25 / 26 July within 0.10 m of the forecasts 4.65 / 4.90 / 5.00 m', () => {
    // The city's blue high-tide warning of 23 Jul 10:00 (The Paper, 2021-07-23; DOMAIN.md).
    const forecasts: [string, number][] = [
      ['2021-07-24', 4.65],
      ['2021-07-25', 4.9],
      ['2021-07-26', 5.0],
    ];
    for (const [day, forecast] of forecasts) {
      let max = -Infinity;
      for (
        let t = Date.parse(`${day}T00:00:00+08:00`);
        t <= Date.parse(`${day}T03:00:00+08:00`);
        t += 600_000
      )
        max = Math.max(max, tide.level(t));
      expect(Math.abs(max - forecast), day).toBeLessThanOrEqual(0.1);
    }
  });

  it('carries a surge of 0.7–1.2 m around the closest approach', () => {
    const closest = track.closestApproach(
      { lat: 31.2418, lng: 121.4905 },
      Date.parse('2021-07-25T00:00:00+08:00'),
      Date.parse('2021-07-27T00:00:00+08:00'),
    );
    expect(closest.km).toBeLessThan(100);
    const surge = tide.surge(closest.at);
    expect(surge).toBeGreaterThanOrEqual(0.7);
    expect(surge).toBeLessThanOrEqual(1.2);
  });
});
