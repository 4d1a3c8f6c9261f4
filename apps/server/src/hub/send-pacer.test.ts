import { describe, expect, it } from 'vitest';
import { SendPacer, sendCostMs } from './send-pacer.js';

describe('pacing a stream by what its frames cost', () => {
  it('sends the first frame at once', () => {
    // given a stream that never sent
    const pacer = new SendPacer(50);
    // then its first commit goes out without waiting
    expect(pacer.waitMs(1_000)).toBe(0);
  });

  it('sends at once when the last frame was cheap and the next commit comes later', () => {
    // given a frame to a small room that took 3 ms
    const pacer = new SendPacer(50);
    pacer.sent(1_003, 3);
    // when the next commit arrives 20 ms later (a 200/s trickle)
    // then it is not held back
    expect(pacer.waitMs(1_020)).toBe(0);
  });

  it('holds the next frame back as long as the last one took', () => {
    // given a frame to a large room that held the loop for 20 ms
    const pacer = new SendPacer(50);
    pacer.sent(1_020, 20);
    // when the next commit arrives 5 ms after it
    // then it waits the remaining 15 ms, so sending takes at most half the loop
    expect(pacer.waitMs(1_025)).toBe(15);
    expect(pacer.waitMs(1_040)).toBe(0);
  });

  it('never holds a frame back longer than the longest wait', () => {
    // given a frame that took 200 ms (a busy machine)
    const pacer = new SendPacer(50);
    pacer.sent(1_200, 200);
    // then the next waits at most 50 ms after it
    expect(pacer.waitMs(1_200)).toBe(50);
  });

  it("counts a send's own CPU time, not the time other processes held the machine", () => {
    // given a send that took 40 ms of wall time, of which the process itself used 6 ms
    const cost = sendCostMs(40, { user: 1_000, system: 500 }, { user: 5_000, system: 2_500 });
    // then its cost is the 6 ms
    expect(cost).toBe(6);
  });

  it('never counts more than the wall time, whatever other threads did meanwhile', () => {
    // given a 5 ms send during which a checkpoint thread also used 8 ms
    const cost = sendCostMs(5, { user: 0, system: 0 }, { user: 10_000, system: 3_000 });
    // then its cost is the 5 ms it held the loop
    expect(cost).toBe(5);
  });
});
