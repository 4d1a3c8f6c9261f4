import { useRef } from 'react';
import { sameValue } from './derive';
import type { Store } from './slices';
import { useStore } from './store';

/**
 * Selects a derived value and keeps the previous one while it is equal by value, so the
 * component re-renders only when what it shows has changed (not on every folded batch).
 */
export function useDerived<T>(select: (store: Store) => T): T {
  const previous = useRef<{ value: T } | null>(null);
  return useStore((store) => {
    const next = select(store);
    if (previous.current && sameValue(previous.current.value, next)) return previous.current.value;
    previous.current = { value: next };
    return next;
  });
}
