// The thread pool computes exactly what one thread computes.
import { describe, expect, it } from 'vitest';
import { measureInThreads } from '../../../src/cli/numerical-pool';
import { measureHere, planCheck } from '../../../src/core/check/check';
import { guidedPieces, splitRange } from '../../../src/core/check/partition';
import { MIXED_PROBLEM } from '../support/problems';

describe('splitRange', () => {
  it('covers every element once in near-equal contiguous pieces', () => {
    expect(splitRange(10, 3)).toEqual([[0, 3], [3, 6], [6, 10]]);
    expect(splitRange(2, 4)).toEqual([[0, 1], [1, 2]]);
    expect(splitRange(0, 2)).toEqual([]);
  });
});

describe('guidedPieces', () => {
  it.each([
    [1, 1],
    [7, 2],
    [1000, 2],
    [6_000_000, 2],
    [12345, 8],
  ])('covers %i elements once, in pieces for %i threads that never grow and end small', (count, threads) => {
    const pieces = guidedPieces('dX', count, threads);
    expect(pieces[0].start).toBe(0);
    expect(pieces.at(-1)!.end).toBe(count);
    for (let i = 1; i < pieces.length; i++) {
      expect(pieces[i].start).toBe(pieces[i - 1].end);
      // The last piece may be a remainder smaller than the floor.
      expect(pieces[i].end - pieces[i].start).toBeLessThanOrEqual(pieces[i - 1].end - pieces[i - 1].start);
    }
    expect(pieces.every((p) => p.end > p.start && p.name === 'dX')).toBe(true);
    expect(pieces.at(-1)!.end - pieces.at(-1)!.start).toBeLessThanOrEqual(Math.ceil(count / (16 * threads)));
    expect(pieces.length).toBeLessThanOrEqual(Math.min(count, 2 * threads * 16));
  });
});

describe('the CLI numerical pool', () => {
  const plan = planCheck(MIXED_PROBLEM, { numerical: 'full' });
  const here = measureHere(plan).measured!;

  it.each([
    ['three threads alone', { worthwhile: 0, callerTakesPart: false }],
    ['two threads and this one', { worthwhile: 0 }],
  ])('fills the same numbers and kink marks on %s as in this thread', async (_, options) => {
    const pooled = (await measureInThreads(plan, 3, options)).measured!;
    for (const name of ['dX', 'dW', 'db'] as const) {
      expect(Array.from(pooled[name]!.value.data)).toEqual(Array.from(here[name]!.value.data));
      expect(Array.from(pooled[name]!.kinks)).toEqual(Array.from(here[name]!.kinks));
    }
    expect(here.dX.value.data.some((v) => v !== 0)).toBe(true);
  });
});
