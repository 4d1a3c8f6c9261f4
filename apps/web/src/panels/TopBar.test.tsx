import { initialState } from '@floodnet/domain';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zh } from '../i18n/zh';
import { applySnapshot } from '../store/picture';
import { useStore } from '../store/store';
import { T0 } from '../testing/picture';
import { givenPicture } from '../testing/setup';
import { RightPanel } from './RightPanel';
import { TopBar } from './TopBar';

describe('language', () => {
  afterEach(cleanup);

  it('starts in Chinese and switches everything to English', () => {
    givenPicture('commander');
    render(
      <>
        <TopBar />
        <RightPanel />
      </>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('防汛防台一张网 · 徐汇');
    expect(screen.getByTestId('tab-alarms').textContent).toContain('告警');
    expect(screen.getAllByTestId('alarm-item')[0]!.textContent).toContain('衡山路地下通道');

    fireEvent.click(screen.getByTestId('language-switch'));

    expect(useStore.getState().ui.language).toBe('en');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Flood & Typhoon Command · Xuhui',
    );
    expect(screen.getByTestId('tab-alarms').textContent).toContain('Alarms');
    expect(screen.getAllByTestId('alarm-item')[0]!.textContent).toContain(
      'Hengshan Road underpass',
    );
    expect(localStorage.getItem('floodnet.language')).toBe('en');
  });

  it('has the same messages in both dictionaries', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toBe('');
  });
});

describe('the top bar', () => {
  afterEach(cleanup);

  it('shows the response level and, for a viewer, no control to change it', () => {
    const state = givenPicture('viewer');
    state.responseLevel = 'III';
    state.suggestedLevel = 'II';
    render(<TopBar />);
    const level = screen.getByTestId('response-level');
    expect(level.dataset.level).toBe('III');
    expect(level.textContent).toContain('Ⅲ级');
    expect(screen.getByTestId('suggested-level').textContent).toContain('Ⅱ级');
    expect(level.querySelector('select')).toBeNull();
  });

  it('gives a commander the control', () => {
    givenPicture('commander');
    render(<TopBar />);
    expect(screen.getByTestId('response-level').querySelector('select')).not.toBeNull();
  });
});

describe('connection and drill', () => {
  afterEach(cleanup);

  it('says how old the data is when not live', () => {
    givenPicture('duty');
    useStore.setState((store) => ({
      connection: { ...store.connection, status: 'reconnecting', lastEventAt: T0 },
    }));
    render(<TopBar />);
    const connection = screen.getByTestId('connection-state');
    expect(connection.dataset.status).toBe('reconnecting');
    expect(connection.textContent).toContain('重连中');
    expect(connection.textContent).toContain('数据截至 14:00:00');
  });

  it('shows the drill banner on a drill stream', () => {
    givenPicture('duty');
    applySnapshot({ stream: 'drill:night', seq: 0, state: initialState() });
    render(<TopBar />);
    expect(screen.getByTestId('drill-banner').textContent).toBe('演练 DRILL');
  });
});
