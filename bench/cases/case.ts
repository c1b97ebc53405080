import type { ConvShape } from '../madds';
import type { Reference, Row } from '../row';
import type { ScipyOutcome, ScipyRequest } from '../scipy';

/**
 * One benchmark case. scipy's timings are taken for all cases in one batch before any case runs;
 * each case then runs in a process of its own (bench/run-case.ts) and returns its row.
 */
export interface BenchCase {
  readonly scipy: readonly ScipyRequest[];
  run(scipy: ScipyOutcome): Row | Promise<Row>;
}

/** A single-image, single-channel problem: what the figures are for. */
export function square(size: number, kernel: number): ConvShape {
  return { n: 1, cin: 1, h: size, w: size, cout: 1, k: kernel, l: kernel };
}

export function shapeLabel(s: ConvShape): string {
  const channels = s.n === 1 && s.cin === 1 && s.cout === 1 ? '' : ` N${s.n} Cin${s.cin} Cout${s.cout}`;
  const image = s.h === s.w ? `${s.h}²` : `${s.h}×${s.w}`;
  return `${image}·${s.k}×${s.l}${channels}`;
}

/** A scipy reference from the batch, `times` times the timed request (null with the reason if scipy is missing). */
export function scipyReference(outcome: ScipyOutcome, id: string, label: string, madds: number, times = 1, estimated?: string): Reference {
  if (!outcome.available) return { label, ms: null, madds, note: 'scipy not available' };
  const timing = outcome.results[id];
  return { label, ms: timing.median_ms * times, madds, ...(estimated ? { estimated } : {}) };
}

/** Up to m indices spread evenly over [0, count), first and last included. */
export function spread(count: number, m: number): number[] {
  if (count <= m) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: m }, (_, i) => Math.round((i * (count - 1)) / (m - 1)));
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
