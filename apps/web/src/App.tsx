import { lazy, Suspense, useEffect } from 'react';
import { loadBaseData } from './live/base-data';
import { startChime } from './live/chime';
import { connectLive } from './live/socket-client';
import { MapView } from './map/MapView';
import { useKeyboardShortcuts } from './panels/keyboard';
import { LoginScreen } from './panels/LoginScreen';
import { RightPanel } from './panels/RightPanel';
import { TopBar } from './panels/TopBar';
import type { Session } from './store/slices';
import { useStore } from './store/store';

const BottomStrip = lazy(() => import('./charts/BottomStrip'));
const AdminView = lazy(() => import('./admin/AdminView'));

/** Which stream to follow: `live`, or a drill given as `?stream=drill:<id>`. */
function streamFromUrl(): string {
  const asked = new URLSearchParams(window.location.search).get('stream');
  return asked && /^(live|drill:[a-z0-9-]{1,64})$/.test(asked) ? asked : 'live';
}

export function App() {
  const session = useStore((store) => store.session);
  const theme = useStore((store) => store.ui.theme);
  const language = useStore((store) => store.ui.language);
  useEffect(
    function applyThemeAndLanguage() {
      document.documentElement.dataset.theme = theme;
      document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    },
    [theme, language],
  );
  if (!session) return <LoginScreen />;
  return <CommandScreen session={session} />;
}

function CommandScreen({ session }: { session: Session }) {
  const drill = useStore((store) => store.ui.drill);
  const adminOpen = useStore((store) => store.ui.adminOpen);
  const token = session.token;
  useKeyboardShortcuts();
  useEffect(function loadBaseMap() {
    return loadBaseData();
  }, []);
  useEffect(
    function followStream() {
      const live = connectLive({ token, stream: streamFromUrl() });
      const stopChime = startChime();
      return () => {
        stopChime();
        live.stop();
      };
    },
    [token],
  );
  return (
    <div className={`app${drill ? ' drill' : ''}`} data-testid="command-screen">
      <TopBar />
      <main className="workspace">
        <MapView />
        <RightPanel />
      </main>
      <Suspense fallback={<footer className="bottom-strip" />}>
        <BottomStrip />
      </Suspense>
      {adminOpen && (
        <Suspense fallback={null}>
          <AdminView />
        </Suspense>
      )}
    </div>
  );
}
