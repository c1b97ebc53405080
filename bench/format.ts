/** A duration for people: 0.42 ms, 12.3 ms, 3.21 s, 45.2 min, 2.31 h. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toPrecision(3)} min`;
  return `${(ms / 3_600_000).toPrecision(3)} h`;
}

/** How many times faster ConvGrad is than the reference: 0.73×, 2.4×, 9400×. */
export function formatSpeedup(ratio: number): string {
  if (ratio >= 100) return `${Math.round(ratio)}×`;
  return `${ratio.toPrecision(2)}×`;
}
