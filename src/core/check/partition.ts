import type { GradientName } from '../problem/types';

/** [start, end) ranges that split `count` elements into at most `parts` contiguous, near-equal pieces. */
export function splitRange(count: number, parts: number): Array<readonly [number, number]> {
  const pieces = Math.max(1, Math.min(parts, count));
  return Array.from({ length: pieces }, (_, i) => [Math.floor((count * i) / pieces), Math.floor((count * (i + 1)) / pieces)] as const).filter(
    ([start, end]) => end > start,
  );
}

/** Flat elements [start, end) of one gradient: the unit of work every filler hands out. */
export interface Piece {
  readonly name: GradientName;
  readonly start: number;
  readonly end: number;
}

/** Gradient `name`'s `count` elements in at most `parts` contiguous, near-equal pieces. */
export function piecesOf(name: GradientName, count: number, parts: number): Piece[] {
  return splitRange(count, parts).map(([start, end]) => ({ name, start, end }));
}
