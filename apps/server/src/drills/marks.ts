import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  parseTime,
  toShanghaiIso,
  type AlertKind,
  type EventEnvelope,
  type IncidentKind,
  type Severity,
} from '@floodnet/domain';
import type { EventLog } from '@floodnet/log';

/** An alarm on the timeline: raised, or escalated to a new severity (a mark of its own). */
export interface AlarmMark {
  at: string;
  severity: Severity;
  kind: AlertKind;
  subjectId: string;
}

export interface IncidentMark {
  at: string;
  kind: IncidentKind;
}

/** What the timeline marks: alarms and incidents, each in the order of its stream. */
export interface Marks {
  alarms: AlarmMark[];
  incidents: IncidentMark[];
}

/** As every time the drills API shows: ISO 8601 in Asia/Shanghai, whatever the upload wrote. */
const shanghai = (at: string) => toShanghaiIso(parseTime(at));

/** Events read between two turns of the event loop, so a long recording never stalls the server. */
const PAGE = 20_000;

/**
 * The marks of one stream, read once and then only extended: a recording never changes, and a
 * fork only grows (it never rewinds), so what was read stays true and the next call reads on
 * from where the last stopped.
 */
class StreamMarks {
  private readSeq = 0;
  private readonly alarms: AlarmMark[] = [];
  private readonly incidents: IncidentMark[] = [];
  /** An escalation names only its alert: the kind and subject come from when it was raised. */
  private readonly raised = new Map<string, { kind: AlertKind; subjectId: string }>();
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly log: EventLog,
    private readonly stream: string,
  ) {}

  /** The marks of the stream up to `toSeq` (at least; never fewer than an earlier call gave). */
  upTo(toSeq: number): Promise<Marks> {
    // One read at a time: two requests at once must not fold the same page twice.
    const next = this.reading.then(() => this.readUpTo(toSeq));
    this.reading = next.catch(() => undefined);
    return next;
  }

  private async readUpTo(toSeq: number): Promise<Marks> {
    while (this.readSeq < toSeq) {
      const before = this.readSeq;
      const until = Math.min(toSeq, before + PAGE);
      for (const event of this.log.iterate(this.stream, before, until)) {
        this.add(event);
        this.readSeq = event.seq;
      }
      // Not yet committed: the rest is read by a later call.
      if (this.readSeq < until) break;
      await nextTurn();
    }
    return { alarms: this.alarms.slice(), incidents: this.incidents.slice() };
  }

  private add(event: EventEnvelope): void {
    switch (event.type) {
      case 'alert.raised': {
        const { alertId, kind, subjectId, severity } = event.data;
        this.raised.set(alertId, { kind, subjectId });
        this.alarms.push({ at: shanghai(event.at), severity, kind, subjectId });
        break;
      }
      case 'alert.escalated': {
        const alert = this.raised.get(event.data.alertId);
        // An upload may begin after the alert was raised: without its kind there is no mark.
        if (alert) {
          this.alarms.push({ at: shanghai(event.at), severity: event.data.severity, ...alert });
        }
        break;
      }
      case 'incident.reported':
        this.incidents.push({ at: shanghai(event.at), kind: event.data.kind });
        break;
      default:
        break;
    }
  }
}

/**
 * The timeline marks of drill streams, kept per stream for as long as the drill lives, so the
 * whole recording is read once per drill rather than once per screen that opens it.
 */
export class TimelineMarks {
  private readonly streams = new Map<string, StreamMarks>();

  constructor(private readonly log: EventLog) {}

  /** The marks of `stream` up to `toSeq`. */
  of(stream: string, toSeq: number): Promise<Marks> {
    let marks = this.streams.get(stream);
    if (!marks) {
      marks = new StreamMarks(this.log, stream);
      this.streams.set(stream, marks);
    }
    return marks.upTo(toSeq);
  }

  /** A deleted drill: its stream may be reused by a later one. */
  forget(stream: string): void {
    this.streams.delete(stream);
  }
}

/**
 * A fork's timeline: its own past up to its clock (the common past and what the trainees and its
 * own rules did), then what the original recorded after that clock.
 */
export function forkMarks(own: Marks, original: Marks, clockAt: number): Marks {
  const after = (mark: { at: string }) => parseTime(mark.at) > clockAt;
  return {
    alarms: [...own.alarms, ...original.alarms.filter(after)],
    incidents: [...own.incidents, ...original.incidents.filter(after)],
  };
}
