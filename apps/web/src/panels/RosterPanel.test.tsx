import { evolve, toShanghaiIso } from '@floodnet/domain';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { flushPicture } from '../store/picture';
import { T0 } from '../testing/picture';
import { givenPicture } from '../testing/setup';
import { RosterPanel } from './RosterPanel';

const ids = () => screen.getAllByTestId('roster-item').map((item) => item.dataset.unitId);

describe('the roster', () => {
  afterEach(cleanup);

  it('lists every team and squad, specialists first', () => {
    givenPicture('viewer');
    render(<RosterPanel />);
    expect(ids()).toEqual(['squad-medical', 'squad-pump-truck', 'team-longhua', 'team-tianping']);
  });

  it('filters by status', () => {
    const state = givenPicture('duty');
    const by = { name: 'chief', role: 'commander' as const };
    evolve(state, {
      type: 'squad.assigned',
      at: toShanghaiIso(T0 + 600_000),
      data: { squadId: 'squad-pump-truck', incidentId: 'incident-1', by },
    });
    act(() => flushPicture());
    render(<RosterPanel />);
    fireEvent.change(screen.getByTestId('roster-status'), { target: { value: 'assigned' } });
    expect(ids()).toEqual(['squad-pump-truck']);
    fireEvent.change(screen.getByTestId('roster-status'), { target: { value: 'standby' } });
    expect(ids()).toHaveLength(3);
  });

  it('filters by specialty', () => {
    givenPicture('duty');
    render(<RosterPanel />);
    fireEvent.change(screen.getByTestId('roster-specialty'), { target: { value: 'general' } });
    expect(ids()).toEqual(['team-longhua', 'team-tianping']);
    fireEvent.change(screen.getByTestId('roster-specialty'), { target: { value: 'medical' } });
    expect(ids()).toEqual(['squad-medical']);
  });
});
