import {
  decideInPlace,
  evolve,
  initialState,
  type Asset,
  type DomainEvent,
  type EventEnvelope,
  type PlansFile,
  type RuleConfig,
  type State,
} from '@floodnet/domain';
import type { TimedCommand } from './policy';
import type { InFaScenario } from './scenario';

export interface EngineOptions {
  stream?: string;
  config?: RuleConfig;
}

/** A refused command, kept for the run's report (the scenario retries, so a few are normal). */
export interface EngineRefusal {
  at: number;
  command: TimedCommand['command']['type'];
  code: string;
  message: string;
}

/**
 * The server's write path without a server: decide, number, fold. Envelopes get a gap-free `seq`
 * and deterministic ids — a reading's own id (`<sensorId>@<time>`), else `evt-<seq>` — so the
 * same commands always give the same log, byte for byte.
 */
export class OfflineEngine {
  readonly state: State = initialState();
  readonly stream: string;
  readonly refusals: EngineRefusal[] = [];
  private readonly config: RuleConfig | undefined;
  private seq = 0;

  constructor(options: EngineOptions = {}) {
    this.stream = options.stream ?? 'live';
    this.config = options.config;
  }

  get lastSeq(): number {
    return this.seq;
  }

  apply(timed: TimedCommand): EventEnvelope[] {
    const { command } = timed;
    const context = {
      now: timed.at,
      actor: timed.actor,
      ...(this.config ? { config: this.config } : {}),
    };
    const decision = decideInPlace(command, this.state, context);
    if (!decision.ok) {
      const { code, message } = decision.refusal;
      this.refusals.push({ at: timed.at, command: command.type, code, message });
      return [];
    }
    const envelopes = decision.events.map((event) => this.envelope(event));
    if (command.type === 'recordReadings' || command.type === 'checkSensors') {
      // decideInPlace has folded these already; only the numbering is left to record.
      this.state.seq = this.seq;
    } else {
      for (const envelope of envelopes) evolve(this.state, envelope);
    }
    return envelopes;
  }

  private envelope(event: DomainEvent): EventEnvelope {
    this.seq += 1;
    // Key order is part of the file format: seq, stream, id, type, at, data.
    return {
      seq: this.seq,
      stream: this.stream,
      id: event.id ?? `evt-${this.seq}`,
      type: event.type,
      at: event.at,
      data: event.data,
    } as EventEnvelope;
  }
}

/** The system actor that registers the catalogue, as the server does on its first start. */
export const SYSTEM_ACTOR = { name: 'floodnet', role: 'system' } as const;

/**
 * Plays a scenario through an engine, minute by minute, from the catalogue's registration to
 * the end of the window (or `untilMs`). Lazy: envelopes are made as they are read.
 */
export function* playScenario(
  scenario: InFaScenario,
  assets: readonly Asset[],
  engine: OfflineEngine,
  untilMs: number = scenario.endMs,
  plans?: PlansFile | null,
): Generator<EventEnvelope> {
  const register: TimedCommand = {
    at: scenario.startMs,
    actor: SYSTEM_ACTOR,
    command: { type: 'registerAssets', assets: [...assets] },
  };
  yield* engine.apply(register);
  // The plans, as the server registers them on its first start.
  if (plans) {
    const { version } = plans;
    const command = { type: 'registerPlans' as const, version, plans: plans.plans };
    yield* engine.apply({ at: scenario.startMs, actor: SYSTEM_ACTOR, command });
  }
  const end = Math.min(untilMs, scenario.endMs);
  for (let at = scenario.startMs; at <= end; at += 60_000) {
    for (const timed of scenario.advance(at, engine.state)) yield* engine.apply(timed);
  }
}
