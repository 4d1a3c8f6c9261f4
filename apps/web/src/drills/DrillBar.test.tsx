import type { Role } from '@floodnet/domain';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '../store/store';
import { DRILL_FROM, fakeDrillServer, givenDrill, givenMarks, givenReport } from '../testing/drill';
import DrillBar from './DrillBar';

async function renderBar() {
  await act(async () => {
    render(<DrillBar />);
  });
}

describe('the drill bar', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it.each<[Role, boolean]>([
    ['commander', true],
    ['admin', true],
    ['duty', false],
    ['viewer', false],
  ])('gives a %s the fork button and the clock: %s', async (role, shown) => {
    const drill = givenDrill(role);
    fakeDrillServer({ drill });
    await renderBar();
    expect(screen.queryByTestId('fork-button') !== null).toBe(shown);
    expect(screen.queryByTestId('drill-play') !== null).toBe(shown);
    expect(screen.getByTestId('scrubber').getAttribute('aria-disabled')).toBe(String(!shown));
  });

  it('jumps to a typed time: the seek carries that time in Shanghai', async () => {
    const drill = givenDrill('commander');
    const sent = fakeDrillServer({ drill });
    await renderBar();
    fireEvent.change(screen.getByTestId('jump-input'), { target: { value: '2021-07-25 14:00' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('jump-button'));
    });
    const seek = sent.find((request) => request.path === '/api/v1/drills/night/clock');
    expect(seek?.body).toEqual({ action: 'seek', at: '2021-07-25T14:00:00+08:00' });
    expect(useStore.getState().drills.clock?.at).toBe(Date.parse('2021-07-25T14:00:00+08:00'));
    expect(screen.getByTestId('drill-time').textContent).toBe('2021-07-25 14:00');
  });

  it('seeks where the timeline is clicked', async () => {
    const drill = givenDrill('commander');
    const sent = fakeDrillServer({ drill, report: givenReport(drill.stream) });
    await renderBar();
    await waitFor(() => expect(screen.getAllByTestId('timeline-mark')).toHaveLength(3));
    const track = screen.getByTestId('scrubber-track');
    track.getBoundingClientRect = () => ({ left: 0, width: 1000 }) as DOMRect;
    await act(async () => {
      fireEvent.pointerDown(track, { clientX: 250, button: 0, pointerId: 1 });
      fireEvent.pointerUp(track, { clientX: 250, button: 0, pointerId: 1 });
    });
    const seek = sent.find((request) => request.path.endsWith('/clock'));
    expect(seek?.body).toEqual({ action: 'seek', at: '2021-07-24T08:00:00+08:00' });
  });

  it('marks the whole recording before it is played, without asking for the report', async () => {
    const drill = givenDrill('viewer', { at: DRILL_FROM });
    const sent = fakeDrillServer({ drill, marks: () => givenMarks() });
    await renderBar();
    await waitFor(() => expect(screen.getAllByTestId('timeline-mark')).toHaveLength(4));
    const drawn = screen.getAllByTestId('timeline-mark');
    expect(drawn.map((mark) => mark.dataset.ahead)).toEqual(['true', 'true', 'true', 'true']);
    expect(drawn.map((mark) => mark.dataset.fraction)).toEqual([
      '0.1250',
      '0.2500',
      '0.7500',
      '0.7507',
    ]);
    expect(sent.filter((r) => r.path === '/api/v1/drills/night/marks')).toHaveLength(1);
    expect(sent.some((r) => r.path.startsWith('/api/v1/reports'))).toBe(false);
  });

  it("falls back to the report's marks of the past when the server gives no marks", async () => {
    const drill = givenDrill('viewer');
    const sent = fakeDrillServer({ drill, report: givenReport(drill.stream) });
    await renderBar();
    await waitFor(() => expect(screen.getAllByTestId('timeline-mark')).toHaveLength(3));
    expect(sent.some((r) => r.path === '/api/v1/drills/night/marks')).toBe(true);
    expect(sent.some((r) => r.path.startsWith('/api/v1/reports?stream=drill%3Anight'))).toBe(true);
  });

  it("asks a fork's marks again where its clock stops, a recording's only once", async () => {
    for (const parentId of [null, 'night']) {
      const id = parentId ? 'night-fork' : 'night';
      const drill = givenDrill('commander', { id, parentId, at: DRILL_FROM });
      const sent = fakeDrillServer({ drill, marks: () => givenMarks() });
      await renderBar();
      await waitFor(() => expect(screen.getAllByTestId('timeline-mark')).toHaveLength(4));
      fireEvent.change(screen.getByTestId('jump-input'), {
        target: { value: '2021-07-25 14:00' },
      });
      await act(async () => {
        fireEvent.click(screen.getByTestId('jump-button'));
      });
      const asked = () => sent.filter((r) => r.path === `/api/v1/drills/${id}/marks`).length;
      await waitFor(() => expect(asked()).toBe(parentId ? 2 : 1));
      cleanup();
      vi.unstubAllGlobals();
    }
  });

  it('plays, and changes speed', async () => {
    const drill = givenDrill('admin');
    const sent = fakeDrillServer({ drill });
    await renderBar();
    await act(async () => {
      fireEvent.click(screen.getByTestId('speed-3600'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('drill-play'));
    });
    const actions = sent.filter((r) => r.path.endsWith('/clock')).map((r) => r.body);
    expect(actions).toEqual([{ action: 'speed', speed: 3600 }, { action: 'play' }]);
    expect(useStore.getState().drills.clock).toMatchObject({ speed: 3600, playing: true });
    expect(screen.getByTestId('drill-pause')).toBeTruthy();
  });

  it('gives a viewer the timeline but no controls', async () => {
    const drill = givenDrill('viewer');
    fakeDrillServer({ drill });
    await renderBar();
    expect(screen.getByTestId('scrubber').getAttribute('aria-disabled')).toBe('true');
    expect(screen.queryByTestId('drill-play')).toBeNull();
    expect(screen.queryByTestId('jump-input')).toBeNull();
  });

  it('forks at the current time and follows the fork', async () => {
    const drill = givenDrill('commander', { at: DRILL_FROM });
    const sent = fakeDrillServer({ drill });
    await renderBar();
    await act(async () => {
      fireEvent.click(screen.getByTestId('fork-button'));
    });
    expect(sent.some((r) => r.method === 'POST' && r.path === '/api/v1/drills/night/fork')).toBe(
      true,
    );
    expect(useStore.getState().drills.following).toBe('drill:night-fork');
  });

  it('goes back to live, saying why, when the drill is deleted under it', async () => {
    givenDrill('viewer', { id: 'gone' });
    fakeDrillServer();
    await renderBar();
    await waitFor(() => expect(useStore.getState().drills.following).toBe('live'));
    expect(useStore.getState().ui.notice).toBe('该演练已不存在，已返回实时态势');
  });

  it('marks where a fork left its original', async () => {
    const at = Date.parse('2021-07-25T08:00:00+08:00');
    const drill = givenDrill('commander', { id: 'night-fork', parentId: 'night', at });
    fakeDrillServer({ drill });
    await renderBar();
    expect(screen.getByTestId('fork-point').style.left).toBe('50%');
  });
});
