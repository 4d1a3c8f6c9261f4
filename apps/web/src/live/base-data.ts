import { AnswerError, request } from '../api/http';
import { setNotice } from '../store/actions';
import { useStore } from '../store/store';

const RETRY_MS = 3000;

/** Loads the base map and the server's configuration, retrying until the server answers. */
export function loadBaseData(): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  async function attempt() {
    try {
      const [geography, serverConfig] = await Promise.all([
        request('GET', '/api/v1/geography', 'Geography'),
        request('GET', '/api/v1/config', 'ClientConfig'),
      ]);
      if (!stopped) useStore.setState({ geography, serverConfig });
    } catch (error) {
      // A base map that does not fit the contract is said on screen; either way, try again.
      if (error instanceof AnswerError) setNotice(error.message);
      if (!stopped) timer = setTimeout(attempt, RETRY_MS);
    }
  }
  if (!useStore.getState().geography) void attempt();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
