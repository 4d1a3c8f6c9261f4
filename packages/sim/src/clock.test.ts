import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';
import { mulberry32, Random, unitHash } from './random';

function fakeWall(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const START = Date.parse('2021-07-23T08:00:00+08:00');

describe('VirtualClock', () => {
  it('runs virtual time at its speed from the start', () => {
    const wall = fakeWall();
    const clock = new VirtualClock({ startMs: START, speed: 192, wallNow: wall.now });
    expect(clock.now()).toBe(START);
    wall.advance(1_000);
    expect(clock.now()).toBe(START + 192_000);
  });

  it('keeps the time already passed when the speed changes', () => {
    const wall = fakeWall();
    const clock = new VirtualClock({ startMs: START, speed: 10, wallNow: wall.now });
    wall.advance(1_000);
    clock.setSpeed(100);
    wall.advance(1_000);
    expect(clock.now()).toBe(START + 10_000 + 100_000);
  });

  it('stands still while paused and goes on from there when resumed', () => {
    const wall = fakeWall();
    const clock = new VirtualClock({ startMs: START, speed: 60, wallNow: wall.now });
    wall.advance(1_000);
    clock.pause();
    wall.advance(60_000);
    expect(clock.now()).toBe(START + 60_000);
    clock.resume();
    wall.advance(1_000);
    expect(clock.now()).toBe(START + 120_000);
  });

  it('jumps on seek, paused or not', () => {
    const wall = fakeWall();
    const clock = new VirtualClock({ startMs: START, speed: 2, wallNow: wall.now });
    clock.seek(START + 3_600_000);
    wall.advance(500);
    expect(clock.now()).toBe(START + 3_601_000);
    clock.pause();
    clock.seek(START);
    wall.advance(500);
    expect(clock.now()).toBe(START);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => new VirtualClock({ startMs: 0, speed: 0, wallNow: () => 0 })).toThrow();
  });
});

describe('seeded chance', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = mulberry32(2106);
    const b = mulberry32(2106);
    const c = mulberry32(2107);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(unitHash(1, 'ack:alert-1')).toBe(unitHash(1, 'ack:alert-1'));
    const normal = new Random(5);
    const draws = Array.from({ length: 2000 }, () => normal.normal());
    const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
  });
});
