/**
 * Virtual time for a simulation or a drill: virtual = start + (wall − wallStart) × speed. The wall
 * clock is passed in, so tests drive it by hand and the package never reads the real time.
 */
export interface VirtualClockOptions {
  /** Virtual time at the moment of construction (epoch ms). */
  startMs: number;
  /** Virtual milliseconds per wall millisecond; 192 plays four days in half an hour. */
  speed: number;
  wallNow: () => number;
}

export class VirtualClock {
  private readonly wallNow: () => number;
  private anchorVirtual: number;
  private anchorWall: number;
  private rate: number;
  private paused = false;

  constructor(options: VirtualClockOptions) {
    if (!(options.speed > 0)) throw new Error(`speed must be positive, not ${options.speed}`);
    this.wallNow = options.wallNow;
    this.anchorVirtual = options.startMs;
    this.anchorWall = options.wallNow();
    this.rate = options.speed;
  }

  /** The current virtual time (epoch ms). */
  now(): number {
    if (this.paused) return this.anchorVirtual;
    return this.anchorVirtual + (this.wallNow() - this.anchorWall) * this.rate;
  }

  get speed(): number {
    return this.rate;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Changes the speed from now on; time already passed keeps its old rate. */
  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new Error(`speed must be positive, not ${speed}`);
    this.reanchor(this.now());
    this.rate = speed;
  }

  pause(): void {
    if (this.paused) return;
    this.reanchor(this.now());
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.reanchor(this.anchorVirtual);
  }

  /** Jumps to a virtual time; a paused clock stays paused there. */
  seek(virtualMs: number): void {
    this.reanchor(virtualMs);
  }

  private reanchor(virtualMs: number): void {
    this.anchorVirtual = virtualMs;
    this.anchorWall = this.wallNow();
  }
}
