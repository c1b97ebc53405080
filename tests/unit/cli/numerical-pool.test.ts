// The thread pool computes exactly what one thread computes.
import { describe, expect, it } from 'vitest';
import { measureInThreads } from '../../../src/cli/numerical-pool';
import { measureHere, planCheck } from '../../../src/core/check/check';
import { splitRange } from '../../../src/core/check/partition';
import { MIXED_PROBLEM } from '../support/problems';

describe('splitRange', () => {
  it('covers every element once in near-equal contiguous pieces', () => {
    expect(splitRange(10, 3)).toEqual([[0, 3], [3, 6], [6, 10]]);
    expect(splitRange(2, 4)).toEqual([[0, 1], [1, 2]]);
    expect(splitRange(0, 2)).toEqual([]);
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
