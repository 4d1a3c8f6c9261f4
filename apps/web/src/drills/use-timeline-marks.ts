import { useEffect, useMemo, useState } from 'react';
import { fetchMarks, fetchReport, type DrillMarks, type StreamReport } from '../api/drills';
import { useStore } from '../store/store';
import {
  poolReports,
  recordingMarks,
  timelineMarks,
  type TimelineMark,
  type TimeRange,
} from './timeline';

/** While a fork plays (or the report stands in), its marks are asked again this often. */
const MARKS_WHILE_PLAYING_MS = 15_000;

type Loaded = { stream: string; marks: DrillMarks } | { stream: string; report: StreamReport };

/**
 * The timeline's marks for the followed drill: the whole recording's alarms and incidents
 * (`GET /drills/:id/marks`), so a trainer sees where the storm is worst before playing. A
 * recording's never change and are asked once; a fork's follow its clock (its own past, the
 * original's future), so they are asked again where the clock stops and now and then while it
 * plays. If the server cannot give them, the report stands in: the marks up to the clock, pooled
 * so those seen once stay after a seek back.
 */
export function useTimelineMarks(range: TimeRange | null): TimelineMark[] {
  const stream = useStore((store) => store.drills.following);
  const drill = useStore((store) => store.drills.current);
  const clock = useStore((store) => store.drills.clock);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [reportOnly, setReportOnly] = useState(false);

  const id = drill?.stream === stream ? drill.id : null;
  const followsClock = reportOnly || drill?.kind === 'fork';
  const playing = followsClock && (clock?.playing ?? false);
  const stoppedAt = followsClock && !clock?.playing ? (clock?.at ?? null) : null;

  useEffect(
    function loadTimelineMarks() {
      if (id === null) return;
      let stopped = false;
      const loadMarks = () =>
        fetchMarks(id).then(
          (marks) => !stopped && setLoaded({ stream, marks }),
          // The timeline works without marks; the report gives those of the past at least.
          () => !stopped && setReportOnly(true),
        );
      const loadReport = () =>
        fetchReport(stream).then(
          (report) =>
            !stopped &&
            setLoaded((pooled) => ({
              stream,
              report: poolReports(pooled && 'report' in pooled ? pooled.report : null, report),
            })),
          () => undefined,
        );
      const load = reportOnly ? loadReport : loadMarks;
      void load();
      const timer = playing ? setInterval(load, MARKS_WHILE_PLAYING_MS) : null;
      return () => {
        stopped = true;
        if (timer) clearInterval(timer);
      };
    },
    [stream, id, reportOnly, playing, stoppedAt],
  );

  return useMemo(() => {
    if (!range || loaded?.stream !== stream) return [];
    return 'marks' in loaded
      ? recordingMarks(loaded.marks, range)
      : timelineMarks(loaded.report, range);
  }, [loaded, stream, range]);
}
