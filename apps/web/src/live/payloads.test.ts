import { initialState } from '@floodnet/domain';
import { describe, expect, it } from 'vitest';
import { isEnvelopeBatch, isFollowAck, isStreamSnapshot } from './payloads';

const envelope = {
  seq: 7,
  stream: 'live',
  id: 'evt-7',
  type: 'reading.recorded',
  at: '2021-07-25T14:00:00+08:00',
  data: { sensorId: 'rain-tianping', value: 3 },
};

describe('socket payloads', () => {
  it('takes well-formed batches and refuses a batch with one broken envelope', () => {
    expect(isEnvelopeBatch([envelope, { ...envelope, seq: 8 }])).toBe(true);
    expect(isEnvelopeBatch([])).toBe(true);
    expect(isEnvelopeBatch([envelope, { ...envelope, seq: '8' }])).toBe(false);
    expect(isEnvelopeBatch([envelope, { ...envelope, data: null }])).toBe(false);
    expect(isEnvelopeBatch({ 0: envelope })).toBe(false);
  });

  it('takes a snapshot only with a picture in it', () => {
    const state = initialState();
    expect(isStreamSnapshot({ stream: 'drill:night', seq: 0, state })).toBe(true);
    expect(isStreamSnapshot({ stream: 'live', seq: 3 })).toBe(false);
    expect(isStreamSnapshot({ stream: 'live', seq: -1, state })).toBe(false);
    expect(isStreamSnapshot({ stream: 'live', seq: 1, state: { ...state, alerts: null } })).toBe(
      false,
    );
  });

  it('reads a follow answer either way', () => {
    expect(isFollowAck({ ok: true, stream: 'drill:n', seq: 4, mode: 'snapshot' })).toBe(true);
    expect(isFollowAck({ ok: false, error: { code: 'UNKNOWN_STREAM', message: 'x' } })).toBe(true);
    expect(isFollowAck({ ok: false })).toBe(false);
    expect(isFollowAck('ok')).toBe(false);
  });
});
