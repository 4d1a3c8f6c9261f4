import { initialState } from '@floodnet/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { envelope, sceneEvents } from '../testing/picture';
import { applyEvents, applySnapshot, flushPicture } from './picture';
import { resetStore, useStore } from './store';

describe('the picture slice', () => {
  beforeEach(() => resetStore());

  it('applies a snapshot, then the events that follow it', () => {
    const events = sceneEvents();
    applySnapshot({ stream: 'live', seq: 0, state: initialState() });
    const outcome = applyEvents(events);
    flushPicture();

    const { picture, connection } = useStore.getState();
    expect(outcome).toEqual({ applied: events.length, duplicates: 0, gapAt: null });
    expect(Object.keys(picture.state!.units)).toHaveLength(4);
    expect(picture.state!.alerts['alert-1']!.severity).toBe('red');
    expect(connection.lastSeq).toBe(events.length);
    // Readings are folded but kept out of the feed; the newest news comes first.
    expect(picture.feed.map((event) => event.type)).not.toContain('reading.recorded');
    expect(picture.feed[0]!.type).toBe('incident.reported');
  });

  it('drops events it has already applied', () => {
    const events = sceneEvents();
    applySnapshot({ stream: 'live', seq: 0, state: initialState() });
    applyEvents(events.slice(0, 5));
    const again = applyEvents(events.slice(3, 6));
    flushPicture();

    expect(again).toEqual({ applied: 1, duplicates: 2, gapAt: null });
    expect(useStore.getState().picture.state!.seq).toBe(6);
    // Three alerts raised in seq 4–6, each counted once.
    expect(useStore.getState().picture.state!.counters.alerts).toBe(3);
  });

  it('stops at a gap and reports where it is', () => {
    const events = sceneEvents();
    applySnapshot({ stream: 'live', seq: 0, state: initialState() });
    applyEvents(events.slice(0, 3));
    const outcome = applyEvents(events.slice(5));

    expect(outcome.gapAt).toBe(6);
    expect(outcome.applied).toBe(0);
    expect(useStore.getState().picture.state!.seq).toBe(3);
  });

  it('notifies subscribers once for many batches, and not before the frame', () => {
    const events = sceneEvents();
    applySnapshot({ stream: 'live', seq: 0, state: initialState() });
    const before = useStore.getState().picture.version;
    let notifications = 0;
    const unsubscribe = useStore.subscribe(() => (notifications += 1));
    for (const event of events) applyEvents([event]);
    expect(notifications).toBe(0);
    flushPicture();
    unsubscribe();

    expect(notifications).toBe(1);
    expect(useStore.getState().picture.version).toBe(before + 1);
  });

  it('treats events before any snapshot as a gap', () => {
    expect(applyEvents(sceneEvents().slice(0, 2)).gapAt).toBe(1);
  });

  it('ignores events of another stream', () => {
    applySnapshot({ stream: 'live', seq: 0, state: initialState() });
    const drill = { ...envelope(sceneEvents()[0]!), stream: 'drill:x', seq: 1 };
    expect(applyEvents([drill]).applied).toBe(0);
  });

  it('marks a drill stream so the screen can show it', () => {
    applySnapshot({ stream: 'drill:night-shift', seq: 0, state: initialState() });
    expect(useStore.getState().ui.drill).toBe(true);
  });
});
