import { describe, expect, it } from 'vitest';
import { DRILL_FROM, DRILL_TO, givenMarks, givenReport } from '../testing/drill';
import {
  fractionAt,
  parseShanghaiInput,
  poolReports,
  recordingMarks,
  seekTime,
  timeAtFraction,
  timelineMarks,
} from './timeline';

const range = { from: DRILL_FROM, to: DRILL_TO };
const HOUR = 3600_000;

describe('the drill timeline', () => {
  it('places a time on the track as a share of the recording', () => {
    expect(fractionAt(DRILL_FROM, range)).toBe(0);
    expect(fractionAt(DRILL_TO, range)).toBe(1);
    expect(fractionAt(DRILL_FROM + 24 * HOUR, range)).toBe(0.25);
    expect(fractionAt(DRILL_FROM - HOUR, range)).toBe(0);
  });

  it('reads a point of the track back as a time, to the whole minute', () => {
    const at = timeAtFraction(0.5, range);
    expect(at).toBe(Date.parse('2021-07-25T08:00:00+08:00'));
    expect(timeAtFraction(0.1234567, range) % 60_000).toBe(0);
    expect(timeAtFraction(2, range)).toBe(DRILL_TO);
  });

  it('marks alarms where they were raised and incidents where they were reported', () => {
    const marks = timelineMarks(givenReport('drill:night'), range);
    expect(marks.map((mark) => [mark.kind, mark.fraction, mark.severity])).toEqual([
      ['alarm', 0.25, 'red'],
      ['incident', 0.5, null],
      ['alarm', 0.75, 'blue'],
    ]);
  });

  it("marks the whole recording from the server's marks, an escalation at its new severity", () => {
    const marks = recordingMarks(givenMarks(), range);
    expect(marks.map((mark) => [mark.kind, mark.fraction.toFixed(4), mark.severity])).toEqual([
      ['alarm', '0.1250', 'blue'],
      ['alarm', '0.2500', 'red'],
      ['alarm', '0.7500', 'red'],
      ['incident', '0.7507', null],
    ]);
    expect(marks[1]!.at).toBe(Date.parse('2021-07-24T08:00:00+08:00'));
  });

  it('merges alarms that would overlap, keeping the most severe', () => {
    const report = givenReport('drill:night');
    const first = report.alarms[0]!;
    report.alarms = [
      { ...first, id: 'a', severity: 'blue' },
      { ...first, id: 'b', severity: 'red', raisedAt: first.raisedAt + 60_000 },
    ];
    const marks = timelineMarks(report, range).filter((mark) => mark.kind === 'alarm');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.severity).toBe('red');
  });

  it('keeps the marks of the past after a seek back', () => {
    const late = givenReport('drill:night');
    const early = { ...late, alarms: late.alarms.slice(0, 1), incidents: [] };
    const pooled = poolReports(poolReports(null, late), early);
    expect(pooled.alarms.map((alarm) => alarm.id)).toEqual(['alert-1', 'alert-2']);
    expect(pooled.incidents).toHaveLength(1);
    expect(poolReports(pooled, givenReport('drill:other')).stream).toBe('drill:other');
  });

  it('reads the time a trainer types as Shanghai time', () => {
    const expected = Date.parse('2021-07-25T14:00:00+08:00');
    expect(parseShanghaiInput('2021-07-25 14:00')).toBe(expected);
    expect(parseShanghaiInput('2021-07-25T14:00')).toBe(expected);
    expect(parseShanghaiInput(' 2021-07-25 14:00:30 ')).toBe(expected + 30_000);
    expect(parseShanghaiInput('25/07/2021 14:00')).toBeNull();
    expect(seekTime(expected)).toBe('2021-07-25T14:00:00+08:00');
  });
});
