import type { FdMethod } from '../problem/types';

/**
 * The two points a finite difference evaluates around v, in float64 (the arithmetic of every
 * numerical job, whatever the problem's dtype). The quotient divides by their actual distance,
 * not by h: fl(v + h) - fl(v - h) differs from 2h by round-off, and dividing by the nominal step
 * would add that error to every element.
 */
export function stepPoints(v: number, method: FdMethod, h: number): readonly [number, number] {
  switch (method) {
    case 'central':
      return [v + h, v - h];
    case 'forward':
      return [v + h, v];
    case 'backward':
      return [v, v - h];
  }
}
