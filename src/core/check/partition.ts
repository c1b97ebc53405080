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

/**
 * Gradient `name`'s `count` elements for `threads` threads claiming pieces in order: each piece
 * is a share 1/(2·threads) of what is left after the pieces before it, down to a floor of
 * count/(16·threads), so the early pieces are large (few piece starts, which cost the excluded
 * sums of a few rows again) and the last ones small (a thread that starts late or runs slower
 * leaves at most a small piece for the others to wait on).
 */
export function guidedPieces(name: GradientName, count: number, threads: number): Piece[] {
  const parts = Math.max(1, threads);
  const floor = Math.max(1, Math.ceil(count / (16 * parts)));
  const pieces: Piece[] = [];
  for (let start = 0; start < count; ) {
    const end = Math.min(count, start + Math.max(floor, Math.ceil((count - start) / (2 * parts))));
    pieces.push({ name, start, end });
    start = end;
  }
  return pieces;
}
