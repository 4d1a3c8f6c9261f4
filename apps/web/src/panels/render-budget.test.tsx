import { toShanghaiIso } from '@floodnet/domain';
import { act, cleanup, render } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { setConnectionStatus } from '../store/actions';
import { applyEvents, flushPicture } from '../store/picture';
import { useStore } from '../store/store';
import { T0 } from '../testing/picture';
import { givenPicture } from '../testing/setup';
import { RightPanel } from './RightPanel';
import { TopBar } from './TopBar';

function reading(seq: number, sensorId: string, value: number) {
  return {
    seq,
    stream: 'live',
    id: `r${seq}`,
    type: 'reading.recorded' as const,
    at: toShanghaiIso(T0 + seq * 60_000),
    data: { sensorId, value },
  };
}

describe('what a reading costs React', () => {
  afterEach(cleanup);

  it('re-renders no panel for readings that change nothing they show', () => {
    const state = givenPicture('commander');
    setConnectionStatus('live');
    let commits = 0;
    render(
      <Profiler id="screen" onRender={() => (commits += 1)}>
        <TopBar />
        <RightPanel />
      </Profiler>,
    );
    const before = commits;
    const clock = document.querySelector('[data-testid="stream-clock"]')!.textContent;

    act(() => {
      applyEvents([
        reading(state.seq + 1, 'rain-tianping', 3),
        reading(state.seq + 2, 'point-yongfu', 9),
      ]);
      flushPicture();
    });

    expect(useStore.getState().picture.state!.sensors['point-yongfu']!.lastValue).toBe(9);
    expect(commits).toBe(before);
    // The clock still moved: it is written straight into the DOM.
    expect(document.querySelector('[data-testid="stream-clock"]')!.textContent).not.toBe(clock);
  });

  it('does re-render when an alarm is raised', () => {
    const state = givenPicture('commander');
    setConnectionStatus('live');
    let commits = 0;
    render(
      <Profiler id="screen" onRender={() => (commits += 1)}>
        <TopBar />
        <RightPanel />
      </Profiler>,
    );
    const before = commits;
    act(() => {
      applyEvents([
        {
          seq: state.seq + 1,
          stream: 'live',
          id: 'a1',
          type: 'alert.raised',
          at: toShanghaiIso(T0 + 3_600_000),
          data: {
            alertId: 'alert-9',
            kind: 'waterlogging',
            severity: 'yellow',
            subjectId: 'point-yongfu',
            value: 26,
            threshold: 25,
          },
        },
      ]);
      flushPicture();
    });
    expect(commits).toBeGreaterThan(before);
    expect(document.querySelectorAll('[data-testid="alarm-item"]')).toHaveLength(4);
  });
});
