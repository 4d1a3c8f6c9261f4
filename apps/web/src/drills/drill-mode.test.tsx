import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assignSquad } from '../api/commands';
import { MapView } from '../map/MapView';
import { DispatchPanel } from '../panels/DispatchPanel';
import { TopBar } from '../panels/TopBar';
import { useStore } from '../store/store';
import { backToLive, followStream } from '../store/stream-actions';
import { fakeDrillServer, givenDrill, givenReport } from '../testing/drill';
import { givenPicture } from '../testing/setup';
import ReportView from './ReportView';

describe('drill mode', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('is unmistakable: banner, drill clock, watermark over the map', () => {
    givenDrill('duty', { at: Date.parse('2021-07-25T14:00:00+08:00') });
    render(
      <>
        <TopBar />
        <MapView />
      </>,
    );
    expect(screen.getByTestId('drill-banner').textContent).toBe('演练 DRILL');
    expect(screen.queryByTestId('fork-label')).toBeNull();
    // The drill's own clock, not the newest event's time and not the wall.
    expect(screen.getByTestId('stream-clock').textContent).toBe('2021-07-25 14:00 CST');
    expect(screen.getByTestId('stream-clock').parentElement!.textContent).toContain('演练时间');
    expect(screen.getByTestId('drill-watermark').textContent).toBe('演练 DRILL');
    // Connected, but not "实时": nothing on a drill is live.
    act(() => {
      useStore.setState((store) => ({ connection: { ...store.connection, status: 'live' } }));
    });
    expect(screen.getByTestId('connection-state').textContent).toContain('已连接');
    expect(screen.getByTestId('connection-state').textContent).not.toContain('实时');
  });

  it('labels a trainees’ fork as one', () => {
    givenDrill('commander', { id: 'night-fork', parentId: 'night' });
    render(<TopBar />);
    expect(screen.getByTestId('fork-label').textContent).toBe('推演分支 FORK');
  });

  it('shows nothing of it on live', () => {
    const state = givenPicture('duty');
    render(
      <>
        <TopBar />
        <MapView />
      </>,
    );
    expect(screen.queryByTestId('drill-banner')).toBeNull();
    expect(screen.queryByTestId('drill-watermark')).toBeNull();
    expect(state.clock).toBe(Date.parse('2021-07-25T14:09:00+08:00'));
    expect(screen.getByTestId('stream-clock').textContent).toBe('2021-07-25 14:09 CST');
  });

  it('offers no commands on a replayed recording, and a trainee’s on a fork', () => {
    givenDrill('commander');
    const { unmount } = render(<DispatchPanel incidentId="incident-1" />);
    expect(screen.getAllByTestId('suggestion').length).toBeGreaterThan(0);
    expect(screen.queryByTestId('assign-button')).toBeNull();
    unmount();
    givenDrill('commander', { id: 'night-fork', parentId: 'night' });
    render(<DispatchPanel incidentId="incident-1" />);
    expect(screen.getAllByTestId('assign-button').length).toBeGreaterThan(0);
  });

  it('sends commands to the drill on screen, never to live', async () => {
    givenDrill('commander');
    const sent = fakeDrillServer();
    await assignSquad('incident-1', 'squad-pump-truck').catch(() => undefined);
    expect(sent[0]!.path).toBe('/api/v1/incidents/incident-1/assign?stream=drill%3Anight');
  });

  it('follows another stream and keeps it in the address, dropping the old selection', () => {
    givenPicture('duty');
    useStore.setState((store) => ({ ui: { ...store.ui, selected: { kind: 'alert', id: 'a' } } }));
    followStream('drill:night');
    expect(useStore.getState().drills.following).toBe('drill:night');
    expect(useStore.getState().ui.selected).toBeNull();
    expect(window.location.search).toBe('?stream=drill%3Anight');
    backToLive();
    expect(window.location.search).toBe('');
  });
});

describe('the report view', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('sets a fork beside its original, with incidents, alarms and utilisation', async () => {
    const drill = givenDrill('commander', { id: 'night-fork', parentId: 'night' });
    const report = {
      ...givenReport(drill.stream),
      comparison: [
        { metric: 'meanMinutesToAssign' as const, original: 12.5, fork: 6 },
        { metric: 'openAtEnd' as const, original: 3, fork: 1 },
      ],
    };
    fakeDrillServer({ drill, report });
    await act(async () => {
      render(<ReportView />);
    });
    const rows = screen.getByTestId('report-comparison').querySelectorAll('tbody tr');
    expect([...rows].map((row) => row.textContent)).toEqual([
      '平均派遣用时（分钟）12.56',
      '结束时未办结事件31',
    ]);
    const incident = screen.getByTestId('report-incidents').querySelector('tbody tr')!;
    expect(incident.textContent).toContain('下立交积水');
    expect(incident.textContent).toContain('07-25 08:00');
    expect(incident.textContent).toContain('6 分钟');
    const alarms = screen.getByTestId('report-alarms').querySelectorAll('tbody tr');
    expect(alarms[0]!.textContent).toContain('衡山路地下通道');
    expect(alarms[0]!.textContent).toContain('3 分钟');
    expect(screen.getAllByTestId('utilisation-bar')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('report-close'));
    expect(useStore.getState().drills.dialog).toBe('none');
  });
});
