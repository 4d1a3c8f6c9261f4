import type { State } from './model/state.js';

/**
 * A fingerprint of the picture: two folds of the same log give the same hash. FNV-1a over the
 * JSON text in two 32-bit lanes; pure JavaScript so the browser and the server agree.
 */
export function stateHash(state: State): string {
  const text = JSON.stringify(state);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
