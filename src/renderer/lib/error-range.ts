// One colour scale for error maps shown side by side (f64 next to f32), so equal colours mean
// equal errors; elements at a kink are left out, as on each map's own scale.
import type { Tensor } from '../../core/problem/types';
import { errorSpan, type ErrorSpan } from '../../export/kink-marks';

/**
 * The range covering every map and every map's tolerance mark (logMap widens a domain to atol/100
 * and 10 atol), so maps with different tolerances still get the same domain.
 */
export function sharedErrorRange(maps: readonly { readonly error: Tensor; readonly kinks?: Uint8Array }[], atols: readonly number[]): ErrorSpan {
  const marks = atols.filter((a) => a > 0);
  let lo: number | undefined = marks.length ? Math.min(...marks) / 100 : undefined;
  let max = marks.length ? Math.max(...marks) * 10 : 0;
  for (const m of maps) {
    const span = errorSpan(m.error.data, m.kinks);
    if (span.minPositive !== undefined) lo = lo === undefined ? span.minPositive : Math.min(lo, span.minPositive);
    max = Math.max(max, span.max);
  }
  return { minPositive: lo, max };
}
