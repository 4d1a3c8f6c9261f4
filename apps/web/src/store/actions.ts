import type { LatLng } from '@floodnet/domain';
import { signIn as postSession } from '../api/commands';
import type { Language } from '../i18n/translate';
import type {
  ConnectionStatus,
  IncidentDraft,
  LayerKey,
  PanelTab,
  Selection,
  Theme,
  UiSlice,
} from './slices';
import { useStore } from './store';

// Actions live outside components (zustand's guide): anything can call them, tests included.

function setUi(patch: Partial<UiSlice['ui']>): void {
  useStore.setState((store) => ({ ui: { ...store.ui, ...patch } }));
}

export async function signIn(username: string, password: string): Promise<void> {
  const { token, role } = await postSession(username, password);
  useStore.setState({ session: { token, role, username } });
}

export function signOut(): void {
  useStore.setState((store) => ({
    session: null,
    ui: { ...store.ui, selected: null, reporting: false, draft: null, adminOpen: false },
  }));
}

export function setConnectionStatus(status: ConnectionStatus): void {
  useStore.setState((store) =>
    store.connection.status === status ? {} : { connection: { ...store.connection, status } },
  );
}

export function select(selection: Selection | null): void {
  const current = useStore.getState().ui.selected;
  if (current?.kind === selection?.kind && current?.id === selection?.id) return;
  setUi({ selected: selection });
}

export function clearSelection(): void {
  setUi({ selected: null, reporting: false, draft: null });
}

export function showTab(tab: PanelTab): void {
  setUi({ tab });
}

export function toggleLayer(key: LayerKey): void {
  useStore.setState((store) => ({
    ui: { ...store.ui, layers: { ...store.ui.layers, [key]: !store.ui.layers[key] } },
  }));
}

export function setLanguage(language: Language): void {
  setUi({ language });
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

export function setTheme(theme: Theme): void {
  setUi({ theme });
}

export function setChime(chime: boolean): void {
  setUi({ chime });
}

export function startReporting(): void {
  setUi({ reporting: true, draft: null, tab: 'incidents' });
}

/** A click on the map while reporting: keep what the draft was about, move it there. */
export function placeDraft(location: LatLng): void {
  const draft = useStore.getState().ui.draft;
  setUi({ draft: { location, pointId: draft?.pointId ?? null, kind: draft?.kind ?? null } });
}

/** Starts a report already placed, e.g. from an alarm at a flooded underpass. */
export function draftIncidentAt(draft: IncidentDraft): void {
  setUi({ reporting: true, draft, tab: 'incidents' });
}

export function setNotice(notice: string | null): void {
  setUi({ notice });
}

export function cancelReporting(): void {
  setUi({ reporting: false, draft: null });
}

/** Asks the map to move; the map listens for `ui.focus`. */
export function focusMap(lat: number, lng: number, zoom = 16): void {
  const n = (useStore.getState().ui.focus?.n ?? 0) + 1;
  setUi({ focus: { lat, lng, zoom, n } });
}

export function setAdminOpen(adminOpen: boolean): void {
  setUi({ adminOpen });
}
