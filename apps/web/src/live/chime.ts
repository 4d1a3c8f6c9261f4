import { useStore } from '../store/store';

/**
 * An audible chime when a new red alarm arrives and the chime is switched on (off by default:
 * browsers also refuse sound until the page has been used). Lives outside React.
 */
export function startChime(): () => void {
  const heard = new Set<string>();
  let context: AudioContext | null = null;
  const collect = (play: boolean) => {
    const { picture, ui } = useStore.getState();
    let fresh = false;
    for (const alert of Object.values(picture.state?.alerts ?? {})) {
      if (alert.severity !== 'red' || alert.clearedAt !== null || alert.acknowledgedAt !== null)
        continue;
      if (heard.has(alert.id)) continue;
      heard.add(alert.id);
      fresh = true;
    }
    if (fresh && play && ui.chime) beep();
  };
  const beep = () => {
    const AudioContextClass = globalThis.AudioContext;
    if (!AudioContextClass) return;
    context ??= new AudioContextClass();
    const now = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.22, 660],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.2, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, now + offset + 0.2);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(now + offset);
      oscillator.stop(now + offset + 0.2);
    }
  };
  collect(false); // what is already there when the screen opens is not news
  const unsubscribe = useStore.subscribe((store, prev) => {
    if (store.picture.version === prev.picture.version) return;
    // A new picture (snapshot) is not news either.
    collect(store.picture.state === prev.picture.state);
  });
  return () => {
    unsubscribe();
    void context?.close();
  };
}
