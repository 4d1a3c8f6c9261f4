import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { evolve, toShanghaiIso } from '@floodnet/domain';
import { flushPicture } from '../store/picture';
import { useStore } from '../store/store';
import { T0 } from '../testing/picture';
import { givenPicture } from '../testing/setup';
import { AlarmPanel } from './AlarmPanel';

describe('the alarm queue', () => {
  afterEach(cleanup);

  it('puts unacknowledged alarms first, the most severe on top', () => {
    givenPicture('duty');
    render(<AlarmPanel />);
    const items = screen.getAllByTestId('alarm-item');
    expect(items.map((item) => item.dataset.alertId)).toEqual(['alert-1', 'alert-2', 'alert-3']);
    expect(items.map((item) => item.dataset.severity)).toEqual(['red', 'blue', 'orange']);
  });

  it('gives a duty officer an acknowledge button on each unacknowledged alarm', () => {
    givenPicture('duty');
    render(<AlarmPanel />);
    expect(screen.getAllByTestId('ack-button')).toHaveLength(2);
  });

  it('gives a viewer no acknowledge button at all', () => {
    givenPicture('viewer');
    render(<AlarmPanel />);
    expect(screen.getAllByTestId('alarm-item')).toHaveLength(3);
    expect(screen.queryByTestId('ack-button')).toBeNull();
  });

  it('moves an alarm down once it is acknowledged, and drops it when it clears', () => {
    const state = givenPicture('commander');
    render(<AlarmPanel />);
    const by = { name: 'chief', role: 'commander' as const };
    act(() => {
      evolve(state, {
        type: 'alert.acknowledged',
        at: toShanghaiIso(T0 + 600_000),
        data: { alertId: 'alert-1', by },
      });
      evolve(state, {
        type: 'alert.cleared',
        at: toShanghaiIso(T0 + 660_000),
        data: { alertId: 'alert-2' },
      });
      flushPicture();
    });
    const items = screen.getAllByTestId('alarm-item');
    expect(items.map((item) => item.dataset.alertId)).toEqual(['alert-1', 'alert-3']);
    expect(screen.queryByTestId('ack-button')).toBeNull();
  });

  it('selects an alarm when clicked', () => {
    givenPicture('duty');
    render(<AlarmPanel />);
    fireEvent.click(screen.getAllByTestId('alarm-item')[1]!);
    expect(useStore.getState().ui.selected).toEqual({ kind: 'alert', id: 'alert-2' });
  });
});
