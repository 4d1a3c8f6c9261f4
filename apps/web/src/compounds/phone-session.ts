import { useEffect, useState, useSyncExternalStore } from 'react';
import { request } from '../api/http';
import { connectLive } from '../live/socket-client';
import { useStore } from '../store/store';
import { CommandOutbox } from './outbox';
import { connectPhoneStream } from './phone-stream';

/** The compound or squad a bound account acts for, read from its own token's payload. */
export function unitOfToken(token: string): string | null {
  try {
    const body = token.split('.')[0] ?? '';
    const json = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
    const payload: unknown = JSON.parse(json);
    if (typeof payload !== 'object' || payload === null) return null;
    const unit =
      'compoundId' in payload ? payload.compoundId : 'squadId' in payload ? payload.squadId : null;
    return typeof unit === 'string' ? unit : null;
  } catch {
    return null;
  }
}

let outbox: CommandOutbox | null = null;
/** The phone's one outbox, per signed-in user. */
export function phoneOutbox(username: string): CommandOutbox {
  outbox ??= new CommandOutbox(`floodnet.outbox.${username}`);
  return outbox;
}

export function usePending(box: CommandOutbox): number {
  return useSyncExternalStore(
    (changed) => box.subscribe(changed),
    () => box.pending().length,
  );
}

/**
 * Follows the live stream (the socket reconnects asking for everything after the last seq it
 * applied): a bound account's own view, or the whole picture for the command room looking at a
 * phone page. Marks each notice for this unit delivered as soon as the picture holds it: the
 * recipient's screen is what says it arrived.
 */
export function usePhoneStream(token: string, unitId: string | null): void {
  useEffect(
    function followStream() {
      const live = unitOfToken(token) ? connectPhoneStream(token) : connectLive({ token });
      return () => live.stop();
    },
    [token],
  );
  const [marked] = useState(() => new Set<string>());
  useEffect(
    function markDelivered() {
      if (!unitId) return undefined;
      const mark = () => {
        const state = useStore.getState().picture.state;
        if (!state) return;
        for (const notice of Object.values(state.notices)) {
          const receipt = notice.recipients[unitId];
          if (!receipt || receipt.delivered !== null || marked.has(notice.id)) continue;
          marked.add(notice.id);
          request(
            'POST',
            `/api/v1/notices/${encodeURIComponent(notice.id)}/delivered`,
            'CommandAck',
          ).catch(() => marked.delete(notice.id));
        }
      };
      mark();
      return useStore.subscribe((store, prev) => {
        if (store.picture.version !== prev.picture.version) mark();
      });
    },
    [unitId, marked],
  );
}
