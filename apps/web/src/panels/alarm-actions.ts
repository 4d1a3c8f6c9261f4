import { acknowledgeAlert } from '../api/commands';
import { ApiError } from '../api/http';
import { translate } from '../i18n/translate';
import { setNotice } from '../store/actions';
import { mayCommand } from '../store/permissions';
import { useStore } from '../store/store';

/** Acknowledges an alarm (button or key `A`); a refusal is shown as a notice. */
export async function acknowledge(alertId: string): Promise<boolean> {
  const store = useStore.getState();
  if (!mayCommand(store, 'acknowledgeAlert')) return false;
  try {
    await acknowledgeAlert(alertId);
    return true;
  } catch (error) {
    setNotice(
      error instanceof ApiError ? error.message : translate(store.ui.language, 'error.generic'),
    );
    return false;
  }
}
