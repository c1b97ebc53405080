// A 2-D heatmap shows one (H, W) plane of a tensor of rank 2, 3 or 4; these helpers name
// the planes and cut them out without copying.
import { sizeOf } from '../core/problem/tensor';
import type { FloatArray, Tensor } from '../core/problem/types';

export interface Plane {
  readonly height: number;
  readonly width: number;
  /** Row-major values, a view into the tensor's data. */
  readonly data: FloatArray;
}

/** The leading dimensions of a tensor (everything before the last two), e.g. [N, C]. */
export function leadingShape(t: Tensor): number[] {
  return t.shape.slice(0, -2);
}

/** How many (H, W) planes a tensor holds. */
export function planeCount(t: Tensor): number {
  return sizeOf(leadingShape(t));
}

/**
 * Planes already cut, per tensor: the same plane of the same tensor is the same object, so a
 * heatmap whose tensor did not change (X, Y, the analytic maps when the numerical ones arrive)
 * sees no new plane and does not paint it again.
 */
const cut = new WeakMap<Tensor, Map<number, Plane>>();

/** The plane at flat position `k` over the leading dimensions (clamped into range). */
export function planeAt(t: Tensor, k: number): Plane {
  const height = t.shape[t.shape.length - 2];
  const width = t.shape[t.shape.length - 1];
  const size = height * width;
  const index = Math.min(Math.max(0, Math.trunc(k)), planeCount(t) - 1);
  let planes = cut.get(t);
  if (!planes) cut.set(t, (planes = new Map()));
  let plane = planes.get(index);
  if (!plane) planes.set(index, (plane = { height, width, data: t.data.subarray(index * size, (index + 1) * size) }));
  return plane;
}

/** Flat plane position of a leading index such as [n, c]. */
export function planeIndex(lead: readonly number[], leadIndex: readonly number[]): number {
  let k = 0;
  for (let i = 0; i < lead.length; i++) k = k * lead[i] + (leadIndex[i] ?? 0);
  return k;
}

/** Smallest and largest finite values, or undefined when there are none. */
export function finiteExtent(data: ArrayLike<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** Largest finite |value| (0 when there is none). */
export function maxAbs(data: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]);
    if (a > m && a !== Infinity) m = a;
  }
  return m;
}

