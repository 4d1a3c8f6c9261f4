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
import { phonePage } from './compounds/phone-routes';

const BottomStrip = lazy(() => import('./charts/BottomStrip'));
const AdminView = lazy(() => import('./admin/AdminView'));
// The drill side is its own chunk: a live command room never loads it.
const DrillBar = lazy(() => import('./drills/DrillBar'));
const DrillsView = lazy(() => import('./drills/DrillsView'));
const ReportView = lazy(() => import('./drills/ReportView'));

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
  const phone = phonePage(session);
  if (phone) return <Suspense fallback={null}>{phone}</Suspense>;
  return <CommandScreen session={session} />;
}

function CommandScreen({ session }: { session: Session }) {
  const drill = useStore((store) => store.ui.drill);
  const adminOpen = useStore((store) => store.ui.adminOpen);
  const dialog = useStore((store) => store.drills.dialog);
  const token = session.token;
  useKeyboardShortcuts();
  useEffect(function loadBaseMap() {
    return loadBaseData();
  }, []);
  useEffect(
    function followStream() {
      const live = connectLive({ token });
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
      {drill && (
        <Suspense fallback={<section className="drill-bar" />}>
          <DrillBar />
        </Suspense>
      )}
      <Suspense fallback={<footer className="bottom-strip" />}>
        <BottomStrip />
      </Suspense>
      {adminOpen && (
        <Suspense fallback={null}>
          <AdminView />
        </Suspense>
      )}
      {dialog !== 'none' && (
        <Suspense fallback={null}>{dialog === 'drills' ? <DrillsView /> : <ReportView />}</Suspense>
      )}
    </div>
  );
}
