// Checks a freshly loaded array against the slot it is meant for *before* it replaces what
// is loaded, so a bad file leaves the previous input in place. Returns a problem or null.
import { checkFinite } from '../../core/problem/problem';
import { formatShape, sameShapeUpToLeadingOnes } from '../../core/problem/tensor';
import type { Tensor } from '../../core/problem/types';

export type Slot = 'image' | 'kernel' | 'grad' | 'target';

const RANKS: Record<Slot, readonly number[]> = {
  image: [2, 3, 4],
  kernel: [2, 4],
  grad: [2, 3, 4],
  target: [2, 3, 4],
};

const NAMES: Record<Slot, string> = { image: 'X', kernel: 'the kernel', grad: 'G', target: 'T' };

function nonFiniteProblem(t: Tensor, slot: Slot): string | null {
  try {
    checkFinite(t, slot);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * `yShape` is the current output's shape: G and T must match it up to leading ones. Without
 * an analysed output yet, only their rank is checked.
 */
export function rejectionOf(t: Tensor, slot: Slot, yShape?: readonly number[], xShape?: readonly number[]): string | null {
  if (!RANKS[slot].includes(t.shape.length)) {
    return `${NAMES[slot]} must have ${RANKS[slot].join(' or ')} dimensions, got shape ${formatShape(t.shape)}`;
  }
  if (t.shape.some((d) => d === 0)) return `zero-size dimension in shape ${formatShape(t.shape)}`;
  const nonFinite = nonFiniteProblem(t, slot);
  if (nonFinite) return nonFinite;
  if ((slot === 'grad' || slot === 'target') && yShape && !sameShapeUpToLeadingOnes(t.shape, yShape)) {
    return `shape ${formatShape(t.shape)} does not match Y ${formatShape(yShape)}`;
  }
  if (slot === 'kernel' && xShape && t.shape.length === 4) {
    const channels = xShape.length >= 3 ? xShape[xShape.length - 3] : 1;
    if (t.shape[1] !== channels) return `kernel ${formatShape(t.shape)} expects ${t.shape[1]} input channel(s), X ${formatShape(xShape)} has ${channels}`;
  }
  return null;
}

/** A gradient under test must have the shape of what it is the gradient of (X for dL/dX, W for dL/dW). */
export function testedRejection(t: Tensor, gradient: 'dX' | 'dW', expected?: readonly number[]): string | null {
  if (!expected || sameShapeUpToLeadingOnes(t.shape, expected)) return null;
  return `shape ${formatShape(t.shape)} does not match ${gradient === 'dX' ? 'X' : 'W'} ${formatShape(expected)}, so it cannot be ${gradient === 'dX' ? 'dL/dX' : 'dL/dW'}`;
}
