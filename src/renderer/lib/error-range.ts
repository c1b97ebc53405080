// One colour scale for error maps shown side by side (f64 next to f32), so equal colours mean
// equal errors; elements at a kink are left out, as on each map's own scale.
import type { Tensor } from '../../worker/core/types';
import { finiteExtent, minPositive } from './planes';
import { withoutKinks } from './kink-marks';

export interface ErrorRange {
  readonly minPositive: number | undefined;
  readonly max: number;
}

export function sharedErrorRange(maps: readonly { readonly error: Tensor; readonly kinks?: Uint8Array }[]): ErrorRange {
  let lo: number | undefined;
  let max = 0;
  for (const m of maps) {
    const values = withoutKinks(m.error.data, m.kinks);
    const small = minPositive(values);
    if (small !== undefined) lo = lo === undefined ? small : Math.min(lo, small);
    max = Math.max(max, finiteExtent(values)?.[1] ?? 0);
  }
  return { minPositive: lo, max };
}
