import { VirtualClock } from '@floodnet/sim';
import type { EventLog } from '@floodnet/log';
import type { FastifyBaseLogger } from 'fastify';
import type { StreamEngine } from '../engine/stream-engine.js';
import { recordingStateAtSeq } from './recording-snapshots.js';
import type { DrillRecord } from './registry.js';
import type { Timeline } from './timeline.js';

export interface ClockSetting {
  clockAt: number;
  speed: number;
  playing: boolean;
}

export interface PlayerOptions {
  /** How often a playing drill moves on, in wall ms. */
  tickMs: number;
  /** Wall time in ms (a test may drive it). */
  wallNow: () => number;
  /** Keeps the clock across restarts; called on every change and now and then while playing. */
  save(setting: ClockSetting): void;
  logger: FastifyBaseLogger;
}

/** While playing, the clock is written to the registry at most this often (wall ms). */
const SAVE_EVERY_MS = 5000;

/**
 * A drill's clock and the picture that follows it. The clock is virtual time (wall × speed),
 * kept between the recording's bounds; a timer moves the picture after it while it plays. Every
 * change (play, pause, seek, speed, a tick) runs one after the other, so answers report a
 * picture that has caught up with the clock.
 */
export abstract class DrillPlayer {
  protected readonly clock: VirtualClock;
  private timer: NodeJS.Timeout | null = null;
  private work: Promise<unknown> = Promise.resolve();
  private ticking = false;
  private savedAt = 0;
  private closed = false;

  constructor(
    readonly drill: DrillRecord,
    readonly engine: StreamEngine,
    protected readonly options: PlayerOptions,
    /** The earliest the clock may show (a fork cannot go before its fork time). */
    private readonly earliest: number,
  ) {
    this.clock = new VirtualClock({
      startMs: this.bounded(drill.clockAt),
      speed: drill.speed,
      wallNow: options.wallNow,
    });
    this.clock.pause();
  }

  /** The drill time shown now. */
  get at(): number {
    return this.bounded(this.clock.now());
  }

  get speed(): number {
    return this.clock.speed;
  }

  get playing(): boolean {
    return !this.clock.isPaused;
  }

  /** The seq of the picture (the last event folded in). */
  get seq(): number {
    return this.engine.state.seq;
  }

  play(): Promise<void> {
    return this.serially(async () => {
      if (this.at >= this.drill.to) return;
      this.clock.resume();
      this.timer ??= setInterval(() => this.tick(), this.options.tickMs);
      this.timer.unref();
      this.save();
    });
  }

  pause(): Promise<void> {
    return this.serially(async () => {
      this.stopTimer();
      this.clock.pause();
      await this.advanceTo(this.at);
      this.save();
    });
  }

  seek(atMs: number): Promise<void> {
    return this.serially(async () => {
      const at = this.bounded(atMs);
      await this.seekTo(at);
      this.clock.seek(at);
      this.save();
    });
  }

  setSpeed(speed: number): Promise<void> {
    return this.serially(async () => {
      this.clock.setSpeed(speed);
      this.save();
    });
  }

  /** Waits for what is running, then stops the timer for good and keeps the clock. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopTimer();
    await this.work;
    this.clock.pause();
    this.save();
  }

  /** Brings the picture up to `at`, which is at or after the current picture's time. */
  protected abstract advanceTo(at: number): Promise<void>;
  /** Puts the picture at `at`, wherever it was. */
  protected abstract seekTo(at: number): Promise<void>;

  private tick(): void {
    if (this.ticking || this.closed) return;
    this.ticking = true;
    void this.serially(async () => {
      if (this.clock.isPaused) return;
      let at = this.at;
      if (at >= this.drill.to) {
        // The end of the recording: stop there rather than run on into nothing.
        at = this.drill.to;
        this.stopTimer();
        this.clock.seek(at);
        this.clock.pause();
      }
      await this.advanceTo(at);
      if (this.clock.isPaused || this.options.wallNow() - this.savedAt >= SAVE_EVERY_MS) {
        this.save();
      }
    }).finally(() => {
      this.ticking = false;
    });
  }

  private serially<T>(step: () => Promise<T>): Promise<T> {
    const next = this.work.then(step);
    // A failed step is answered to its caller; the next one still runs.
    this.work = next.catch((error: unknown) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) {
        this.options.logger.error({ err: error, drill: this.drill.id }, 'drill clock step failed');
      }
    });
    return next;
  }

  private save(): void {
    this.savedAt = this.options.wallNow();
    this.options.save({ clockAt: this.at, speed: this.speed, playing: this.playing });
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private bounded(atMs: number): number {
    return Math.min(Math.max(atMs, this.earliest), this.drill.to);
  }
}

export interface ReplaySettings {
  /** Most events streamed to followers in one step; a longer jump becomes a seek. */
  maxStep: number;
  /** The log's snapshot spacing, from which the recording's own is taken. */
  snapshotEvery: number;
}

/**
 * A recorded drill: the picture is the recording folded up to the clock. Playing folds the next
 * recorded events and passes them to followers; a seek (or a jump too long to stream) loads the
 * newest snapshot at or before the target and folds at most `RECORDING_SNAPSHOT_EVERY` events
 * after it.
 */
export class ReplayPlayer extends DrillPlayer {
  constructor(
    drill: DrillRecord,
    engine: StreamEngine,
    options: PlayerOptions,
    private readonly log: EventLog,
    private readonly timeline: Timeline,
    private readonly settings: ReplaySettings,
  ) {
    super(drill, engine, options, drill.from);
  }

  protected async advanceTo(at: number): Promise<void> {
    const { events, complete } = this.timeline.eventsUntil(this.seq, at, this.settings.maxStep);
    if (complete) this.engine.replay(events);
    else await this.seekTo(at);
  }

  protected async seekTo(at: number): Promise<void> {
    const target = this.timeline.seqAt(at);
    const { snapshotEvery } = this.settings;
    this.engine.reposition(recordingStateAtSeq(this.log, this.drill.stream, target, snapshotEvery));
  }
}
