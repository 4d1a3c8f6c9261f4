import { useLanguage } from '../i18n/use-language';
import { useStore } from '../store/store';
import { countdownOf } from './forecast-view';

/** The "when and how high" line of a forecast or trend alarm, counting down on the stream clock. */
export function AlarmCountdown({ alertId }: { alertId: string }) {
  const { language, t } = useLanguage();
  const text = useStore((store) => {
    const state = store.picture.state;
    const alert = state?.alerts[alertId];
    return state && alert ? (countdownOf(alert, state, language, t)?.text ?? null) : null;
  });
  if (!text) return null;
  return (
    <div className="alarm-countdown" data-testid="alarm-countdown">
      {text}
    </div>
  );
}
