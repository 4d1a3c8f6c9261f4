import { lazy, type ReactElement } from 'react';
import type { Session } from '../store/slices';

const CompoundPage = lazy(() => import('./CompoundPage'));
const SquadPage = lazy(() => import('./squad/SquadPage'));

/** The phone page a bound account (or the `/compound`, `/squad` address) gets, if any. */
export function phonePage(session: Session): ReactElement | null {
  const path = typeof location === 'undefined' ? '/' : location.pathname;
  if (session.role === 'compound' || path === '/compound')
    return <CompoundPage session={session} />;
  if (session.role === 'squad' || path === '/squad') return <SquadPage session={session} />;
  return null;
}
