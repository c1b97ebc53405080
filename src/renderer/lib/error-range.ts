// One colour scale for error maps shown side by side (f64 next to f32), so equal colours mean
// equal errors; elements at a kink are left out, as on each map's own scale.
import type { Tensor } from '../../core/problem/types';
import { finiteExtent, minPositive } from '../../export/planes';
import { withoutKinks } from '../../export/kink-marks';

export interface ErrorRange {
  readonly minPositive: number | undefined;
  readonly max: number;
}

/**
 * The range covering every map and every map's tolerance mark (logMap widens a domain to atol/100
 * and 10 atol), so maps with different tolerances still get the same domain.
 */
export function sharedErrorRange(maps: readonly { readonly error: Tensor; readonly kinks?: Uint8Array }[], atols: readonly number[]): ErrorRange {
  const marks = atols.filter((a) => a > 0);
  let lo: number | undefined = marks.length ? Math.min(...marks) / 100 : undefined;
  let max = marks.length ? Math.max(...marks) * 10 : 0;
  for (const m of maps) {
    const values = withoutKinks(m.error.data, m.kinks);
    const small = minPositive(values);
    if (small !== undefined) lo = lo === undefined ? small : Math.min(lo, small);
    max = Math.max(max, finiteExtent(values)?.[1] ?? 0);
  }
  return { minPositive: lo, max };
}
