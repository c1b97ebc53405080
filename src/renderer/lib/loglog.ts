// Pure helpers of the log-log plots (step-size sweep and Taylor test).

export interface PlotPoint {
  readonly x: number;
  readonly y: number;
}

/** Points a log axis can show: both coordinates finite and positive. */
export function plottable(points: readonly PlotPoint[]): PlotPoint[] {
  return points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.x) && Number.isFinite(p.y));
}

/** [min, max] of positive finite values, widened to a decade each side of a single value; undefined if none. */
export function logExtent(values: readonly number[]): [number, number] | undefined {
  const v = values.filter((x) => x > 0 && Number.isFinite(x));
  if (v.length === 0) return undefined;
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return lo < hi ? [lo, hi] : [lo / 10, hi * 10];
}

/** The line y = anchor.y * (x / anchor.x)^slope between x = from and x = to: a guide of that slope on log-log axes. */
export function slopeGuide(slope: number, anchor: PlotPoint, from: number, to: number): [PlotPoint, PlotPoint] {
  const at = (x: number) => ({ x, y: anchor.y * (x / anchor.x) ** slope });
  return [at(from), at(to)];
}

/** Index of the x value nearest to `x` in log distance. */
export function nearestLog(xs: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(Math.log(xs[i] / x)) < Math.abs(Math.log(xs[best] / x))) best = i;
  return best;
}

/** Compact scientific notation for readouts: 1.2e-6. */
export function sci(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return v.toExponential(2).replace(/\.?0+e/, 'e');
}

export interface PlotSeries {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly points: readonly PlotPoint[];
}

/** A vertical line at a chosen x, e.g. the check's step h. */
export interface PlotMark {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly x: number;
}

/** A dashed reference line, e.g. of slope 1 or 2. */
export interface PlotGuide {
  readonly id: string;
  readonly label: string;
  readonly ends: readonly [PlotPoint, PlotPoint];
}
