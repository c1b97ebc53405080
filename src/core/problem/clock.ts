// performance.now() exists in browsers, workers and Node alike; the core's ES-only lib just doesn't declare it.
const perf = (globalThis as unknown as { performance: { now(): number } }).performance;

export function now(): number {
  return perf.now();
}
