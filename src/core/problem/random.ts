/**
 * A seeded generator of uniform numbers in [-1, 1), the same sequence in the app, the CLI and
 * the tests for the same seed (mulberry32: 32-bit state, good enough for test directions).
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return 2 * u - 1;
  };
}
