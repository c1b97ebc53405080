import type { DType, FdMethod } from '../problem/types';

/**
 * The two points a finite difference evaluates around v, as the working dtype represents them.
 * The quotient divides by their actual distance, not by h: fl(v + h) - fl(v - h) differs from 2h
 * by round-off, and dividing by the nominal step would add that error to every element.
 */
export function stepPoints(v: number, method: FdMethod, h: number, dtype: DType): readonly [number, number] {
  const round = dtype === 'f32' ? Math.fround : (u: number) => u;
  switch (method) {
    case 'central':
      return [round(v + h), round(v - h)];
    case 'forward':
      return [round(v + h), v];
    case 'backward':
      return [v, round(v - h)];
  }
}
