/** [start, end) ranges that split `count` elements into at most `parts` contiguous, near-equal pieces. */
export function splitRange(count: number, parts: number): Array<readonly [number, number]> {
  const pieces = Math.max(1, Math.min(parts, count));
  return Array.from({ length: pieces }, (_, i) => [Math.floor((count * i) / pieces), Math.floor((count * (i + 1)) / pieces)] as const).filter(
    ([start, end]) => end > start,
  );
}
