import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetStore } from '../store/store';
import { DRILL_FROM, DRILL_TO, givenReport } from '../testing/drill';
import { Scrubber } from './Scrubber';
import { timelineMarks } from './timeline';

const range = { from: DRILL_FROM, to: DRILL_TO };
const HOUR = 3600_000;

/** happy-dom lays nothing out: give the track a place on screen, 400 px wide from x = 100. */
function placeTrack() {
  const track = screen.getByTestId('scrubber-track');
  track.getBoundingClientRect = () =>
    ({ left: 100, width: 400, top: 0, height: 22, right: 500, bottom: 22 }) as DOMRect;
  return track;
}

describe('the drill scrubber', () => {
  afterEach(cleanup);

  it('marks alarms and incidents at their share of the recording', () => {
    resetStore();
    const marks = timelineMarks(givenReport('drill:night'), range);
    render(<Scrubber range={range} at={DRILL_FROM + 12 * HOUR} marks={marks} onSeek={vi.fn()} />);
    const drawn = screen.getAllByTestId('timeline-mark');
    expect(drawn.map((mark) => [mark.dataset.kind, mark.style.left])).toEqual([
      ['alarm', '25%'],
      ['incident', '50%'],
      ['alarm', '75%'],
    ]);
    expect(drawn[0]!.className).toContain('sev-red');
    expect(screen.getByTestId('scrubber-handle').style.left).toBe('12.5%');
    expect(screen.getByTestId('scrubber').getAttribute('aria-valuetext')).toBe('2021-07-23 20:00');
  });

  it('draws the marks still ahead of the clock apart from those behind it', () => {
    resetStore();
    const marks = timelineMarks(givenReport('drill:night'), range);
    render(<Scrubber range={range} at={DRILL_FROM + 60 * HOUR} marks={marks} onSeek={vi.fn()} />);
    const drawn = screen.getAllByTestId('timeline-mark');
    expect(drawn.map((mark) => mark.dataset.ahead)).toEqual(['false', 'false', 'true']);
    expect(drawn[2]!.className).toContain('ahead');
  });

  it('seeks to the time under a click', () => {
    resetStore();
    const onSeek = vi.fn();
    render(<Scrubber range={range} at={DRILL_FROM} marks={[]} onSeek={onSeek} />);
    const track = placeTrack();
    // x = 300 is half-way along the track: 25 July 08:00, half of the four days.
    fireEvent.pointerDown(track, { clientX: 300, button: 0, pointerId: 1 });
    fireEvent.pointerUp(track, { clientX: 300, button: 0, pointerId: 1 });
    expect(onSeek).toHaveBeenCalledExactlyOnceWith(Date.parse('2021-07-25T08:00:00+08:00'));
  });

  it('seeks once, where a drag is let go, showing the time while dragging', () => {
    resetStore();
    const onSeek = vi.fn();
    render(<Scrubber range={range} at={DRILL_FROM} marks={[]} onSeek={onSeek} />);
    const track = placeTrack();
    fireEvent.pointerDown(track, { clientX: 120, button: 0, pointerId: 1 });
    fireEvent.pointerMove(track, { clientX: 250, pointerId: 1 });
    fireEvent.pointerMove(track, { clientX: 350, pointerId: 1 });
    expect(screen.getByTestId('scrubber-handle').textContent).toBe('2021-07-25 20:00');
    expect(onSeek).not.toHaveBeenCalled();
    fireEvent.pointerUp(track, { clientX: 350, pointerId: 1 });
    // 250 px of 400 = 62.5 % of 96 h = 60 h after 23 July 08:00.
    expect(onSeek).toHaveBeenCalledExactlyOnceWith(Date.parse('2021-07-25T20:00:00+08:00'));
  });

  it('steps ten minutes with the arrow keys and an hour with Shift', () => {
    resetStore();
    const onSeek = vi.fn();
    const at = Date.parse('2021-07-25T14:00:00+08:00');
    render(<Scrubber range={range} at={at} marks={[]} onSeek={onSeek} />);
    const slider = screen.getByRole('slider');
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    fireEvent.keyDown(slider, { key: 'ArrowLeft', shiftKey: true });
    expect(onSeek.mock.calls).toEqual([[at + 10 * 60_000], [at - HOUR]]);
  });

  it('does nothing for someone who may not drive the drill', () => {
    resetStore();
    const onSeek = vi.fn();
    render(<Scrubber range={range} at={DRILL_FROM} marks={[]} onSeek={onSeek} disabled />);
    const track = placeTrack();
    fireEvent.pointerDown(track, { clientX: 300, button: 0, pointerId: 1 });
    fireEvent.pointerUp(track, { clientX: 300, button: 0, pointerId: 1 });
    expect(onSeek).not.toHaveBeenCalled();
  });
});
