import type { Role, State } from '@floodnet/domain';
import { applySnapshot } from '../store/picture';
import { resetStore, useStore } from '../store/store';
import { scenePicture } from './picture';

/** A fresh store with a signed-in role (or none) and the test scene as the live picture. */
export function givenPicture(role: Role | null, state: State = scenePicture()): State {
  resetStore();
  useStore.setState({ session: role ? { token: 'test-token', role, username: 'tester' } : null });
  applySnapshot({ stream: 'live', seq: state.seq, state });
  return state;
}
