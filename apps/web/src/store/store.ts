import { create, type StateCreator } from 'zustand';
import type { Role } from '@floodnet/domain';
import { ROLES, StreamNameSchema } from '@floodnet/domain';
import type { Language } from '../i18n/translate';
import {
  LAYER_KEYS,
  type ConnectionSlice,
  type DrillSlice,
  type GeoSlice,
  type LayerKey,
  type PictureSlice,
  type Session,
  type SessionSlice,
  type Store,
  type Theme,
  type UiSlice,
} from './slices';

const KEYS = {
  session: 'floodnet.session',
  language: 'floodnet.language',
  theme: 'floodnet.theme',
};

function readStorage(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null; // storage can be disabled; the screen still works for this page load
  }
}

function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // not persisted; nothing else to do
  }
}

function storedSession(): Session | null {
  const raw = readStorage(KEYS.session);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.token === 'string' && ROLES.includes(value.role as Role)) {
      return { token: value.token, role: value.role as Role, username: value.username ?? '' };
    }
  } catch {
    // a damaged entry just means signing in again
  }
  return null;
}

const createSessionSlice: StateCreator<Store, [], [], SessionSlice> = () => ({
  session: storedSession(),
});

const createConnectionSlice: StateCreator<Store, [], [], ConnectionSlice> = () => ({
  connection: { status: 'offline', lastEventAt: null, lastSeq: 0 },
});

const createPictureSlice: StateCreator<Store, [], [], PictureSlice> = () => ({
  picture: { stream: 'live', state: null, version: 0, feed: [], touched: null },
});

const createGeoSlice: StateCreator<Store, [], [], GeoSlice> = () => ({
  geography: null,
  serverConfig: null,
});

const STREAM_NAME = new RegExp(StreamNameSchema.pattern ?? '^live$');

/** Which stream to follow first: `live`, or a drill given as `?stream=drill:<id>`. */
export function streamFromUrl(): string {
  const asked = new URLSearchParams(globalThis.location?.search ?? '').get('stream');
  return asked && STREAM_NAME.test(asked) ? asked : 'live';
}

function freshDrills(following: string): DrillSlice['drills'] {
  return { following, current: null, clock: null, dialog: 'none' };
}

const createDrillSlice: StateCreator<Store, [], [], DrillSlice> = () => ({
  drills: freshDrills(streamFromUrl()),
});

function allLayersOn(): Record<LayerKey, boolean> {
  return Object.fromEntries(LAYER_KEYS.map((key) => [key, true])) as Record<LayerKey, boolean>;
}

function freshUi(language: Language, theme: Theme): UiSlice['ui'] {
  return {
    selected: null,
    layers: allLayersOn(),
    language,
    theme,
    drill: false,
    tab: 'alarms',
    chime: false,
    reporting: false,
    draft: null,
    notice: null,
    focus: null,
    adminOpen: false,
  };
}

const createUiSlice: StateCreator<Store, [], [], UiSlice> = () => ({
  ui: freshUi(
    readStorage(KEYS.language) === 'en' ? 'en' : 'zh',
    readStorage(KEYS.theme) === 'light' ? 'light' : 'dark',
  ),
});

/** The one store of the web app, made of typed slices. Actions live beside it, not in it. */
export const useStore = create<Store>()((...args) => ({
  ...createSessionSlice(...args),
  ...createConnectionSlice(...args),
  ...createPictureSlice(...args),
  ...createGeoSlice(...args),
  ...createUiSlice(...args),
  ...createDrillSlice(...args),
}));

/** A fresh store state, for tests. */
export function resetStore(): void {
  useStore.setState({
    session: null,
    connection: { status: 'offline', lastEventAt: null, lastSeq: 0 },
    picture: { stream: 'live', state: null, version: 0, feed: [], touched: null },
    geography: null,
    serverConfig: null,
    ui: freshUi('zh', 'dark'),
    drills: freshDrills('live'),
  });
}

// Persist what should outlive a reload: the session, the language and the theme.
useStore.subscribe((next, prev) => {
  if (next.session !== prev.session) {
    writeStorage(KEYS.session, next.session ? JSON.stringify(next.session) : null);
  }
  if (next.ui.language !== prev.ui.language) writeStorage(KEYS.language, next.ui.language);
  if (next.ui.theme !== prev.ui.theme) writeStorage(KEYS.theme, next.ui.theme);
});

export type { Language, Theme };
