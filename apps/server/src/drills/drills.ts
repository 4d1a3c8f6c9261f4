import { randomInt } from 'node:crypto';
import { toShanghaiIso } from '@floodnet/domain';
import type { EventLog } from '@floodnet/log';
import type { FastifyBaseLogger } from 'fastify';
import type { StreamEngine } from '../engine/stream-engine.js';
import type { Engines } from '../plugins/engine.js';
import { ClockRequestInvalid, DrillHasForks, DrillIsRecording, UnknownDrill } from './errors.js';
import { copyForFork, ForkPlayer } from './fork.js';
import { importEnvelopes, type Imported } from './import.js';
import { forkMarks, TimelineMarks, type Marks } from './marks.js';
import { ReplayPlayer, type DrillPlayer, type PlayerOptions } from './player.js';
import { recordingSnapshotEvery, recordingStateAtSeq } from './recording-snapshots.js';
import type { DrillRecord, DrillRegistry } from './registry.js';
import { Timeline } from './timeline.js';

export const DRILL_PREFIX = 'drill:';
/** A new drill plays a minute of the typhoon per second until the trainer says otherwise. */
export const DEFAULT_SPEED = 60;

/** A drill as the API shows it: times as ISO-8601 in Asia/Shanghai. */
export interface DrillView {
  id: string;
  stream: string;
  name: string;
  source: string;
  kind: 'recording' | 'fork';
  createdAt: string;
  parentId: string | null;
  forkAt: string | null;
  clockAt: string;
  seq: number;
  speed: number;
  playing: boolean;
  events: number;
  from: string;
  to: string;
}

export interface ClockRequest {
  action: 'play' | 'pause' | 'seek' | 'speed';
  at?: string;
  speed?: number;
}

export interface DrillsOptions {
  log: EventLog;
  engines: Engines;
  registry: DrillRegistry;
  snapshotEvery: number;
  tickMs: number;
  /** Wall time (epoch ms): the clock's pace and `createdAt`. */
  wallNow: () => number;
  logger: FastifyBaseLogger;
}

/** What a report reads: a stream up to a seq, and for a fork the original to compare with. */
export interface ReportScope {
  stream: string;
  toSeq: number;
  clockAt: number;
  original?: { stream: string; toSeq: number };
}

/**
 * Every drill: imports, forks, clocks and the players that keep each drill's picture at its
 * clock. Drill streams (`drill:<id>`) are claimed from the engines, so nothing opens one except
 * through here — a half-imported stream is never visible, and a recorded drill refuses commands.
 */
export class Drills {
  private readonly players = new Map<string, DrillPlayer>();
  private readonly marks: TimelineMarks;

  constructor(private readonly options: DrillsOptions) {
    options.engines.claim(DRILL_PREFIX, (stream) => this.engineOf(stream));
    this.marks = new TimelineMarks(options.log);
  }

  list(): DrillView[] {
    return this.options.registry.all().map((drill) => this.toView(drill));
  }

  view(id: string): DrillView {
    return this.toView(this.record(id));
  }

  /**
   * Imports a log as a new drill whose clock stands paused at its first event. Any failure
   * (a bad line, a broken upload) drops the stream: nothing of the import is kept.
   */
  async import(lines: AsyncIterable<string>, meta: { name: string; source: string }) {
    const { log, registry } = this.options;
    const id = this.newId();
    const stream = DRILL_PREFIX + id;
    let imported: Imported;
    try {
      imported = await importEnvelopes(log, stream, lines, {
        snapshotEvery: recordingSnapshotEvery(this.options.snapshotEvery),
      });
    } catch (error) {
      log.dropStream(stream);
      throw error;
    }
    registry.add({
      id,
      stream,
      name: meta.name,
      source: meta.source,
      createdAt: this.options.wallNow(),
      parentId: null,
      forkAt: null,
      clockAt: imported.from,
      speed: DEFAULT_SPEED,
      playing: false,
      ...imported,
    });
    return this.view(id);
  }

  /** Pauses the drill and forks it at its clock: a new drill for trainees to command. */
  async fork(parentId: string, name?: string): Promise<DrillView> {
    const { log, registry } = this.options;
    const parent = this.record(parentId);
    const player = this.playerOf(parent);
    await player.pause();
    await player.engine.idle();
    const forkAt = player.at;
    // The parent may be played on while the copy runs: fork the picture as it stands now.
    const picture = structuredClone(player.engine.state);
    const id = this.newId();
    const stream = DRILL_PREFIX + id;
    try {
      await copyForFork(log, parent.stream, stream, picture.seq, picture);
    } catch (error) {
      log.dropStream(stream);
      throw error;
    }
    registry.add({
      ...parent,
      id,
      stream,
      name: name ?? `${parent.name} · fork ${toShanghaiIso(forkAt).slice(5, 16).replace('T', ' ')}`,
      source: 'fork',
      createdAt: this.options.wallNow(),
      parentId,
      forkAt,
      clockAt: forkAt,
      playing: false,
      events: picture.seq,
    });
    return this.view(id);
  }

  async setClock(id: string, request: ClockRequest): Promise<{ at: string; seq: number }> {
    const player = this.playerOf(this.record(id));
    switch (request.action) {
      case 'play':
        if (request.speed !== undefined) await player.setSpeed(request.speed);
        await player.play();
        break;
      case 'pause':
        await player.pause();
        break;
      case 'seek': {
        const at = request.at === undefined ? NaN : Date.parse(request.at);
        if (!Number.isFinite(at)) throw new ClockRequestInvalid('seek needs `at`, an ISO time');
        await player.seek(at);
        break;
      }
      case 'speed':
        if (request.speed === undefined) throw new ClockRequestInvalid('speed needs `speed`');
        await player.setSpeed(request.speed);
        break;
      default:
        request.action satisfies never;
    }
    return { at: toShanghaiIso(player.at), seq: player.seq };
  }

  /** Deletes a drill and its stream. A drill with forks stays: they replay from it. */
  async remove(id: string): Promise<void> {
    const drill = this.record(id);
    const forks = this.options.registry.all().filter((other) => other.parentId === id);
    if (forks.length > 0) throw new DrillHasForks(id, forks.map((fork) => fork.id).join(', '));
    // Gone from every lookup at once; then its clock stops and its writes settle.
    this.options.registry.remove(id);
    const player = this.players.get(id);
    this.players.delete(id);
    this.options.engines.forget(drill.stream);
    this.marks.forget(drill.stream);
    await player?.close();
    await player?.engine.idle();
    this.options.log.dropStream(drill.stream);
  }

  /** What a report of `stream` folds: a drill up to its clock, a fork beside its original. */
  reportScope(stream: string): ReportScope | undefined {
    const drill = this.byStream(stream);
    if (!drill) return undefined;
    const player = this.playerOf(drill);
    const scope: ReportScope = { stream, toSeq: player.seq, clockAt: player.at };
    if (drill.parentId) {
      const parent = this.options.registry.get(drill.parentId);
      if (parent) {
        const toSeq = this.options.log.seqAtTime(parent.stream, player.at);
        scope.original = { stream: parent.stream, toSeq };
      }
    }
    return scope;
  }

  /**
   * The alarms and incidents of the whole recording, for the timeline, whatever the clock says.
   * A fork shows its own stream up to its clock, then what its original recorded after it.
   */
  async timelineMarks(id: string): Promise<Marks & { from: string; to: string }> {
    const drill = this.record(id);
    const marks = await this.marksOf(drill);
    return { from: toShanghaiIso(drill.from), to: toShanghaiIso(drill.to), ...marks };
  }

  private async marksOf(drill: DrillRecord): Promise<Marks> {
    if (drill.parentId === null) {
      return this.marks.of(drill.stream, this.options.log.lastSeq(drill.stream));
    }
    const { at, engine } = this.playerOf(drill);
    const [own, original] = await Promise.all([
      this.marks.of(drill.stream, engine.committedSeq),
      this.marksOf(this.record(drill.parentId)),
    ]);
    return forkMarks(own, original, at);
  }

  /** Stops every clock where it stands (kept for the next start). */
  async close(): Promise<void> {
    await Promise.all([...this.players.values()].map((player) => player.close()));
  }

  private engineOf(stream: string): StreamEngine | undefined {
    const drill = this.byStream(stream);
    return drill ? this.playerOf(drill).engine : undefined;
  }

  private byStream(stream: string): DrillRecord | undefined {
    if (!stream.startsWith(DRILL_PREFIX)) return undefined;
    return this.options.registry.get(stream.slice(DRILL_PREFIX.length));
  }

  private record(id: string): DrillRecord {
    const drill = this.options.registry.get(id);
    if (!drill) throw new UnknownDrill(id);
    return drill;
  }

  /** The drill's player, opened on first use: its picture at the saved clock. */
  private playerOf(drill: DrillRecord): DrillPlayer {
    const open = this.players.get(drill.id);
    if (open) return open;
    const { log, engines, registry, snapshotEvery } = this.options;
    const playerOptions: PlayerOptions = {
      tickMs: this.options.tickMs,
      wallNow: this.options.wallNow,
      logger: this.options.logger,
      save: (setting) => registry.saveClock(drill.id, setting),
    };
    let player: DrillPlayer;
    if (drill.parentId === null) {
      const timeline = new Timeline(log, drill.stream, drill.monotonic);
      const seq = timeline.seqAt(drill.clockAt);
      const state = recordingStateAtSeq(log, drill.stream, seq, snapshotEvery);
      const engine = engines.open(drill.stream, undefined, state);
      engine.commandsRefused = new DrillIsRecording(drill.id, drill.id);
      const maxStep = Math.min(snapshotEvery, 5000);
      player = new ReplayPlayer(drill, engine, playerOptions, log, timeline, {
        maxStep,
        snapshotEvery,
      });
    } else {
      const root = this.rootOf(drill);
      const engine = engines.open(drill.stream);
      player = new ForkPlayer(
        drill,
        engine,
        playerOptions,
        new Timeline(log, root.stream, root.monotonic),
      );
    }
    this.players.set(drill.id, player);
    return player;
  }

  /** The recording a fork (or a fork of a fork) replays its readings from. */
  private rootOf(drill: DrillRecord): DrillRecord {
    let root = drill;
    while (root.parentId !== null) root = this.record(root.parentId);
    return root;
  }

  private toView(drill: DrillRecord): DrillView {
    const player = this.playerOf(drill);
    return {
      id: drill.id,
      stream: drill.stream,
      name: drill.name,
      source: drill.source,
      kind: drill.parentId === null ? 'recording' : 'fork',
      createdAt: toShanghaiIso(drill.createdAt),
      parentId: drill.parentId,
      forkAt: drill.forkAt === null ? null : toShanghaiIso(drill.forkAt),
      clockAt: toShanghaiIso(player.at),
      seq: player.seq,
      speed: player.speed,
      playing: player.playing,
      events: drill.events,
      from: toShanghaiIso(drill.from),
      to: toShanghaiIso(drill.to),
    };
  }

  /** A short random base36 id no stream uses yet. */
  private newId(): string {
    for (;;) {
      const id = randomInt(36 ** 8)
        .toString(36)
        .padStart(8, '0');
      if (this.options.log.lastSeq(DRILL_PREFIX + id) === 0 && !this.options.registry.get(id)) {
        return id;
      }
    }
  }
}
