import type { FdMethod } from '../problem/types';

// The two points a finite difference evaluates around v, in float64 (the arithmetic of every
// numerical job, whatever the problem's dtype). The quotient divides by their actual distance,
// not by h: fl(v + h) - fl(v - h) differs from 2h by round-off, and dividing by the nominal step
// would add that error to every element. Two functions rather than one returning a pair: the
// numerical job takes them once per element, millions of times, and a pair is an allocation.

/** The upper step point around v: v + h, or v itself for a backward difference. */
export function upperPoint(v: number, method: FdMethod, h: number): number {
  return method === 'backward' ? v : v + h;
}

/** The lower step point around v: v - h, or v itself for a forward difference. */
export function lowerPoint(v: number, method: FdMethod, h: number): number {
  return method === 'forward' ? v : v - h;
}

/** Both step points around v, [upper, lower]. */
export function stepPoints(v: number, method: FdMethod, h: number): readonly [number, number] {
  return [upperPoint(v, method, h), lowerPoint(v, method, h)];
}
