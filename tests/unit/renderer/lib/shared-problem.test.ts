// The problem the renderer posts to its computation worker: in a cross-origin isolated page its
// arrays are in shared memory, copied once per array, so later posts share the same copy.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../../src/core/problem/types';
import { problemForWorker } from '../../../../src/renderer/lib/shared-problem';
import { MIXED_PROBLEM, randomTensor } from '../../support/problems';

const withG: Problem = { ...MIXED_PROBLEM, loss: { kind: 'linear', grad: { kind: 'array', value: randomTensor([2, 9, 8], 4) } } };
const gOf = (p: Problem) => (p.loss.kind === 'linear' && p.loss.grad.kind === 'array' ? p.loss.grad.value : undefined)!;

describe('problemForWorker', () => {
  it('is the problem itself outside a cross-origin isolated page', () => {
    expect(problemForWorker(withG, false)).toBe(withG);
  });

  it('puts X, W, the bias and G in shared memory, once per array', () => {
    const shared = problemForWorker(withG, true);
    for (const [mine, theirs] of [[shared.x, withG.x], [shared.w, withG.w], [shared.bias!, withG.bias!], [gOf(shared), gOf(withG)]] as const) {
      expect(mine.data.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(mine.data).toEqual(theirs.data);
      expect(mine.shape).toEqual(theirs.shape);
    }
    expect({ ...shared, x: 0, w: 0, bias: 0, loss: 0 }).toEqual({ ...withG, x: 0, w: 0, bias: 0, loss: 0 });
    // Another post of the same arrays (another kernel seed, say) shares the same copies; a new X gets its own.
    const again = problemForWorker({ ...withG, x: randomTensor([2, 9, 8], 8) }, true);
    expect(again.w.data).toBe(shared.w.data);
    expect(gOf(again).data).toBe(gOf(shared).data);
    expect(again.x.data).not.toBe(shared.x.data);
  });
});
