/**
 * All of the scenario's chance comes from here, seeded, so one seed always plays the same storm.
 * mulberry32 is small, fast and good enough for a simulation (not for cryptography).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string: turns names into seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A number in [0, 1) fixed by the seed and a key. The policy uses it for human delays ("the
 * duty officer acknowledges after 2–8 min") so they follow from what is in the picture, not from
 * the order in which things were asked: a restarted run draws the same delays.
 */
export function unitHash(seed: number, key: string): number {
  return mulberry32(hashString(key) ^ Math.imul(seed, 0x9e3779b1))();
}

/** A seeded stream of random numbers with the few shapes the scenario needs. */
export class Random {
  private readonly draw: () => number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.draw = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.draw();
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.draw();
  }

  /** Standard normal (Box–Muller, keeping the second value for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    const u = 1 - this.draw();
    const v = this.draw();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.draw() < p;
  }
}
