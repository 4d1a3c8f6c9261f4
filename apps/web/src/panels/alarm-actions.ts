import { acknowledgeAlert } from '../api/commands';
import { ApiError } from '../api/http';
import { translate } from '../i18n/translate';
import { setNotice } from '../store/actions';
import { can } from '../store/permissions';
import { useStore } from '../store/store';

/** Acknowledges an alarm (button or key `A`); a refusal is shown as a notice. */
export async function acknowledge(alertId: string): Promise<boolean> {
  const { session, ui } = useStore.getState();
  if (!can(session?.role, 'acknowledgeAlert')) return false;
  try {
    await acknowledgeAlert(alertId);
    return true;
  } catch (error) {
    setNotice(error instanceof ApiError ? error.message : translate(ui.language, 'error.generic'));
    return false;
  }
}
