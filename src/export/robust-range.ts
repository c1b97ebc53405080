// A colour range that one extreme value cannot wash out: the scale ends at a percentile of the
// data instead of its extreme, and the values beyond it are counted so the legend can say so.

/** At most this many values are sorted to find a percentile (a strided sample of larger planes). */
const SAMPLE = 1 << 16;

/** The fraction of values (by magnitude) the robust range covers; the rest are clipped. */
export const ROBUST_FRACTION = 0.99;

/** The q-quantile (0..1) of the finite values of f(data[i]), from a strided sample; undefined when none is finite. */
export function quantile(data: ArrayLike<number>, q: number, f: (v: number) => number = (v) => v): number | undefined {
  const step = Math.max(1, Math.floor(data.length / SAMPLE));
  const values: number[] = [];
  for (let i = 0; i < data.length; i += step) {
    const v = f(data[i]);
    if (Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return undefined;
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))];
}

/** How many finite values fall below `lo` and above `hi`. */
export function clippedCounts(data: ArrayLike<number>, lo: number, hi: number): { below: number; above: number } {
  let below = 0;
  let above = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < lo && v !== -Infinity) below++;
    else if (v > hi && v !== Infinity) above++;
  }
  return { below, above };
}
