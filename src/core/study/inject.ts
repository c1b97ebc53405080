// Deliberately wrong backward passes: what the analytic gradients look like when a VJP derivation
// has one of the classic conv-backprop mistakes. Each bug runs ConvGrad's own VJP (vjp.ts) on the
// correct forward pass and upstream gradient, but with one detail of the working problem miswired,
// so the numbers are exactly what such a buggy implementation would produce (no noise is added).
import { evaluate } from '../conv/analyze';
import { InputError } from '../problem/errors';
import type { Axis } from '../problem/geometry';
import { BUG_NAMES } from '../problem/options';
import { mirrorPlanes, prepare, type Prepared } from '../problem/problem';
import { tensor } from '../problem/tensor';
import type { FloatArray, Problem } from '../problem/types';
import { vjpPadded, type VjpArrays } from '../conv/vjp';
import type { Gradients } from '../check/types';

export type BugName = (typeof BUG_NAMES)[number];

export type Applicability = { readonly applies: true } | { readonly applies: false; readonly reason: string };

export interface BugInfo {
  readonly name: BugName;
  readonly title: string;
  /** One sentence: the mistake and why it is one. */
  readonly explanation: string;
  /** One sentence: where the error shows in the error map. */
  readonly errorMap: string;
  /** The gradient(s) the mistake changes; the others stay exact. */
  readonly acts: 'dX' | 'dW' | 'both';
  /** Whether the mistake changes anything for this problem, and if not, why not. */
  readonly applies: (problem: Problem) => Applicability;
}

interface Miswiring extends Omit<BugInfo, 'applies'> {
  /** Why the mistake cannot change this problem's gradients, or undefined when it can. */
  readonly irrelevant: (prep: Prepared) => string | undefined;
  /** Why the mistake cannot even be written for this problem (a shape error), or undefined. */
  readonly impossible?: (prep: Prepared) => string | undefined;
  /** The working problem as the buggy backward pass sees it. */
  readonly miswire: (prep: Prepared) => Prepared;
}

function sameValues(a: FloatArray, b: FloatArray): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function withAxes(prep: Prepared, change: (axis: Axis) => Axis): Prepared {
  return { ...prep, geometry: { rows: change(prep.geometry.rows), cols: change(prep.geometry.cols) } };
}

/** Each K x K tap plane with rows and columns exchanged. */
export function transposePlanes(data: FloatArray, k: number): FloatArray {
  const out = data.slice();
  for (let base = 0; base < data.length; base += k * k) {
    for (let kk = 0; kk < k; kk++) for (let ll = 0; ll < k; ll++) out[base + ll * k + kk] = data[base + kk * k + ll];
  }
  return out;
}

/** Taps (Cout,Cin,K,L) read as (Cin,Cout,K,L): conv_transpose2d's weight layout, given the forward weight. */
export function swapChannels(data: FloatArray, channels: number, plane: number): FloatArray {
  const out = data.slice();
  for (let co = 0; co < channels; co++) {
    for (let ci = 0; ci < channels; ci++) {
      out.set(data.subarray((ci * channels + co) * plane, (ci * channels + co + 1) * plane), (co * channels + ci) * plane);
    }
  }
  return out;
}

/**
 * The fold reads padded position p as if it were p - by: the crop window starts `by` rows/columns
 * late (early for a negative `by`); positions read from outside the padded array hold nothing.
 */
export function shiftedBy(axis: Axis, by: number): Axis {
  const source = new Int32Array(axis.padded).fill(-1);
  for (let p = Math.max(0, by); p < Math.min(axis.padded, axis.padded + by); p++) source[p] = axis.source[p - by];
  return { ...axis, source };
}

/** `X[s:-e]` patched to cut one position when e = 0: the last padded row/column is dropped. */
function endCutWhenUnpadded(axis: Axis): Axis {
  if (axis.after > 0) return axis;
  const source = axis.source.slice();
  source[axis.padded - 1] = -1;
  return { ...axis, source };
}

const MISWIRINGS: readonly Miswiring[] = [
  {
    name: 'kernel-not-mirrored',
    title: 'Kernel not mirrored',
    explanation:
      'dL/dX is the full convolution of dL/dY with the kernel turned 180 degrees relative to the forward pass, and this backward pass uses it without the turn.',
    errorMap:
      'Every pixel of dL/dX is wrong for a random upstream gradient; with a constant one the interior is right (a full window sums all taps in any order) and the error sits in the border bands where windows are partial (top and left under the seed padding).',
    acts: 'dX',
    irrelevant: (p) => (sameValues(p.taps, mirrorPlanes(p.taps, p.k, p.l)) ? 'the kernel is unchanged by a 180-degree turn (it is point-symmetric), so forgetting the turn changes nothing' : undefined),
    miswire: (p) => ({ ...p, taps: mirrorPlanes(p.taps, p.k, p.l) }),
  },
  {
    name: 'padding-off-by-one',
    title: 'Padding off by one',
    explanation:
      'The padded gradient is cropped (folded) back onto X starting one row and one column too late, the slip of carrying a 1-based index from the derivation into 0-based code.',
    errorMap:
      'dL/dX is the correct map shifted one pixel up and left, so the error follows the gradient’s edges; with a constant upstream gradient it draws a frame: the partial-window bands and the last row and column.',
    acts: 'dX',
    irrelevant: () => undefined,
    miswire: (p) => withAxes(p, (a) => shiftedBy(a, 1)),
  },
  {
    name: 'kernel-transposed',
    title: 'Kernel transposed',
    explanation:
      'Reading "the gradient is the transposed convolution" as "convolve with the transposed kernel": the backward pass swaps the kernel’s rows and columns instead of using it as the forward pass did.',
    errorMap:
      'Every pixel of dL/dX is wrong for a random upstream gradient; with a constant one only the border bands where windows are partial (top and left under the seed padding) are.',
    acts: 'dX',
    impossible: (p) => (p.k !== p.l ? `the kernel is ${p.k}x${p.l}, not square: its ${p.l}x${p.k} transpose does not fit, so this mistake fails with a shape error instead of giving wrong numbers` : undefined),
    irrelevant: (p) => (sameValues(p.taps, transposePlanes(p.taps, p.k)) ? 'the kernel equals its transpose (it is symmetric), so transposing it changes nothing' : undefined),
    miswire: (p) => ({ ...p, taps: transposePlanes(p.taps, p.k) }),
  },
  {
    name: 'seed-unpad',
    title: 'The seed’s unpad',
    explanation:
      'The seed notebook crops the padded gradient with X[s:-e], which is empty when the end padding e is 0; patching that to cut one position drops the last row or column.',
    errorMap: 'Only the last row (end padding 0 below) and/or the last column (end padding 0 on the right) of dL/dX are wrong: they lose the gradient of the last padded position.',
    acts: 'dX',
    irrelevant: (p) =>
      p.geometry.rows.after > 0 && p.geometry.cols.after > 0
        ? `the end padding is ${p.geometry.rows.after} row(s) and ${p.geometry.cols.after} column(s); X[s:-e] only goes wrong when e = 0 (valid padding, or a kernel side of 1 under seed padding)`
        : undefined,
    miswire: (p) => withAxes(p, endCutWhenUnpadded),
  },
  {
    name: 'stride-ignored',
    title: 'Stride ignored in the backward pass',
    explanation:
      'The backward pass treats the outputs as if they were one pixel apart, forgetting to spread dL/dY out by the stride (insert stride-1 zeros) before the full convolution.',
    errorMap:
      'dL/dX is squeezed towards the top-left corner (pixels beyond the first Ho + extent - 1 rows and columns get nothing) and every tap of dL/dW is wrong.',
    acts: 'both',
    irrelevant: (p) => (p.geometry.rows.stride === 1 && p.geometry.cols.stride === 1 ? 'the stride is 1, so there is no stride to forget' : undefined),
    miswire: (p) => withAxes(p, (a) => ({ ...a, stride: 1 })),
  },
  {
    name: 'dilation-ignored',
    title: 'Dilation ignored in the backward pass',
    explanation: 'The backward pass applies the kernel taps next to each other instead of dilation pixels apart, as if the forward pass had been undilated.',
    errorMap: 'dL/dX is wrong around every output’s window (the gradient lands on a compact K x L patch instead of the spread taps) and every tap of dL/dW but the one at offset (0,0) is wrong.',
    acts: 'both',
    irrelevant: (p) => (p.geometry.rows.dilation === 1 && p.geometry.cols.dilation === 1 ? 'the dilation is 1, so there is no dilation to forget' : undefined),
    miswire: (p) => withAxes(p, (a) => ({ ...a, dilation: 1 })),
  },
  {
    name: 'dw-not-mirrored',
    title: 'dL/dW not mirrored',
    explanation:
      'For a true convolution the gradient with respect to the mirrored taps must be turned back 180 degrees to match W, and this backward pass returns it unturned.',
    errorMap: 'dL/dX is exact; dL/dW is the correct kernel gradient turned 180 degrees, so every tap but the centre of an odd kernel is wrong.',
    acts: 'dW',
    irrelevant: (p) => (p.mirrored ? undefined : 'with xcorr the kernel is used as given, so there is no turn to undo'),
    miswire: (p) => ({ ...p, mirrored: false }),
  },
  {
    name: 'channels-swapped',
    title: 'Channel axes swapped',
    explanation:
      'The backward pass reads the (Cout,Cin,K,L) kernel as (Cin,Cout,K,L), the weight layout of conv_transpose2d, so input channel ci is paired with the taps of W[ci,co] instead of W[co,ci].',
    errorMap: 'dL/dW is exact; every input channel of dL/dX whose kernel column differs from the matching kernel row is wrong everywhere.',
    acts: 'dX',
    impossible: (p) =>
      p.cout !== p.c
        ? `Cout = ${p.cout} and Cin = ${p.c} differ: the swapped kernel has the wrong shape, so this mistake fails with an index error instead of giving wrong numbers`
        : undefined,
    irrelevant: (p) => {
      if (p.cout === 1 && p.c === 1) return 'there is one input and one output channel, so there are no channel axes to swap';
      return sameValues(p.taps, swapChannels(p.taps, p.c, p.k * p.l)) ? 'W[co,ci] = W[ci,co] for every channel pair, so swapping the axes changes nothing' : undefined;
    },
    miswire: (p) => ({ ...p, taps: swapChannels(p.taps, p.c, p.k * p.l) }),
  },
];

function miswiringOf(name: string): Miswiring {
  const found = MISWIRINGS.find((m) => m.name === name);
  if (!found) throw new InputError(`unknown bug '${name}'; expected one of ${BUG_NAMES.join(', ')}`, 'inject');
  return found;
}

/** The correct forward pass and dL/dY, and the VJP from them for any (mis)wiring of the problem. */
interface Backward {
  readonly prep: Prepared;
  readonly vjp: (wiring: Prepared) => VjpArrays;
}

function backward(problem: Problem, m: Miswiring): Backward {
  const { prep, xp, y, loss } = evaluate(problem);
  const impossible = m.impossible?.(prep);
  if (impossible) throw new InputError(`bug '${m.name}' cannot be injected here: ${impossible}`, 'inject');
  const gy = loss.gradient(y);
  return { prep, vjp: (wiring) => vjpPadded(wiring, xp, gy) };
}

function applicability(m: Miswiring, problem: Problem): Applicability {
  const prep = prepare(problem);
  const reason = m.impossible?.(prep) ?? m.irrelevant(prep);
  if (reason) return { applies: false, reason };
  const b = backward(problem, m);
  const correct = b.vjp(b.prep);
  const buggy = b.vjp(m.miswire(b.prep));
  if (sameValues(correct.dx, buggy.dx) && sameValues(correct.dw, buggy.dw)) {
    return { applies: false, reason: 'for these inputs the mistaken backward pass happens to give exactly the correct gradients' };
  }
  return { applies: true };
}

/**
 * The VJP arrays of a backward pass with the named mistake, for a problem already evaluated
 * (its padded input and dL/dY), or why the mistake cannot even be written for it.
 */
export function miswiredVjp(prep: Prepared, xp: FloatArray, gy: FloatArray, name: BugName): VjpArrays | string {
  const m = miswiringOf(name);
  return m.impossible?.(prep) ?? vjpPadded(m.miswire(prep), xp, gy);
}

export const BUGS: readonly BugInfo[] = MISWIRINGS.map((m) => ({
  name: m.name,
  title: m.title,
  explanation: m.explanation,
  errorMap: m.errorMap,
  acts: m.acts,
  applies: (problem: Problem) => applicability(m, problem),
}));

/**
 * dL/dX, dL/dW (and the untouched dL/db) as a backward pass with the named mistake computes them,
 * for the correct forward pass and upstream gradient. Where the mistake changes nothing the
 * result equals ConvGrad's VJP (see BugInfo.applies); where it cannot even be written (a
 * transposed non-square kernel, swapped channel axes of different sizes) this throws InputError.
 */
export function injectBug(problem: Problem, name: BugName): Gradients {
  const m = miswiringOf(name);
  const { prep, vjp } = backward(problem, m);
  const buggy = vjp(m.miswire(prep));
  return {
    dX: tensor(prep.shapes.x, buggy.dx),
    dW: tensor(prep.shapes.w, buggy.dw),
    db: buggy.db && prep.shapes.bias ? tensor(prep.shapes.bias, buggy.db) : undefined,
  };
}
