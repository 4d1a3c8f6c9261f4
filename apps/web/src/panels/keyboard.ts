import { useEffect } from 'react';
import { clearSelection } from '../store/actions';
import { useStore } from '../store/store';
import { acknowledge } from './alarm-actions';
import { SEARCH_INPUT_ID } from './Search';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** `/` search, `A` acknowledge the selected alarm, `Esc` clear the selection. */
export function useKeyboardShortcuts(): void {
  useEffect(function listenForShortcuts() {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') {
        if (typingIn(event.target)) (event.target as HTMLElement).blur();
        clearSelection();
        return;
      }
      if (typingIn(event.target)) return;
      if (event.key === '/') {
        event.preventDefault();
        document.getElementById(SEARCH_INPUT_ID)?.focus();
      } else if (event.key === 'a' || event.key === 'A') {
        const selected = useStore.getState().ui.selected;
        if (selected?.kind === 'alert') void acknowledge(selected.id);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
