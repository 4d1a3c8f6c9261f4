import type { State } from '@floodnet/domain';
import { stateAtSeq, type EventLog } from '@floodnet/log';

/**
 * Events between two snapshots of an imported recording. A seek is one snapshot load plus the
 * rows after it read and folded, and reading rows is most of it (≈ 3.5 µs a row on the build
 * machine against ≈ 5 ms for a 380 KB snapshot): at `live`'s 10,000 a seek to a random time on a
 * 200,000-event log took p95 36-48 ms, up to 89. A recording is written once, at its import, so
 * denser snapshots cost there (≈ 0.4 MB each on disk) and never on `live`'s commit path.
 */
export const RECORDING_SNAPSHOT_EVERY = 2_500;

/** A recording's snapshot spacing: 2,500, or the log's own when that is denser (tests). */
export function recordingSnapshotEvery(logSnapshotEvery: number): number {
  return Math.min(logSnapshotEvery, RECORDING_SNAPSHOT_EVERY);
}

/**
 * The picture of a recorded drill right after event `seq`: the newest snapshot at or before it
 * plus at most `recordingSnapshotEvery` events folded. A recording imported when its snapshots
 * were sparser gets the missing ones as seeks fold past them.
 */
export function recordingStateAtSeq(
  log: EventLog,
  stream: string,
  seq: number,
  logSnapshotEvery: number,
): State {
  return stateAtSeq(log, stream, seq, recordingSnapshotEvery(logSnapshotEvery));
}
