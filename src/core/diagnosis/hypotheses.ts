// The mistakes a diagnosis tries: each recomputes dL/dX and dL/dW as a backward pass with that
// mistake would, from the correct forward pass. The catalogued bugs of study/inject.ts come first
// (after the other operation, the mistake PyTorch users make most), then the variations the
// catalogue leaves out. Order matters: when several hypotheses explain a gradient equally, the
// first is named and the others are listed as "also".
import { analyze, evaluate } from '../conv/analyze';
import { vjpPadded } from '../conv/vjp';
import { ACTIVATIONS } from '../problem/activation';
import { mirrorPlanes, type Prepared } from '../problem/problem';
import { castData } from '../problem/tensor';
import type { FloatArray, Problem, Tensor } from '../problem/types';
import { BUG_NAMES } from '../problem/options';
import { miswiredVjp, shiftedBy, swapChannels, transposePlanes, type BugName } from '../study/inject';

/** The two gradients a diagnosis can name mistakes in. */
export type DiagnosedName = 'dX' | 'dW';
export const DIAGNOSED: readonly DiagnosedName[] = ['dX', 'dW'];

export interface HypothesisGradients {
  readonly dX: FloatArray;
  readonly dW: FloatArray;
}

/** What every hypothesis is computed from: the problem evaluated once, and ConvGrad's own VJP. */
export interface Evidence {
  readonly problem: Problem;
  readonly prep: Prepared;
  readonly xp: FloatArray;
  readonly y: FloatArray;
  readonly gy: FloatArray;
  readonly own: HypothesisGradients;
  /** The gradients under test (float64, the user's values); only those given are compared. */
  readonly tested: Partial<Record<DiagnosedName, FloatArray>>;
}

export interface Hypothesis {
  readonly name: string;
  /** Completes "your dL/dX equals …". */
  readonly title: string;
  /** One sentence: what to change. */
  readonly fix: string;
  /** What the title leaves open for these inputs, e.g. the factor of a constant multiple. */
  readonly detail?: (e: Evidence) => string;
  /** Both gradients as the mistaken backward pass gives them; undefined where the mistake cannot be written. */
  readonly gradients: (e: Evidence) => HypothesisGradients | undefined;
}

export function gatherEvidence(problem: Problem, tested: Partial<Record<DiagnosedName, Tensor>>): Evidence {
  const { prep, xp, y, loss } = evaluate(problem);
  const gy = loss.gradient(y);
  const own = vjpPadded(prep, xp, gy);
  const values: Partial<Record<DiagnosedName, FloatArray>> = {};
  for (const name of DIAGNOSED) {
    const t = tested[name];
    if (t) values[name] = castData(t, 'f64');
  }
  return { problem, prep, xp, y, gy, own: { dX: own.dx, dW: own.dw }, tested: values };
}

const BUG_TEXT: Record<BugName, { readonly title: string; readonly fix: string }> = {
  'kernel-not-mirrored': {
    title: 'the VJP with the kernel not mirrored',
    fix: 'turn the kernel 180 degrees (flip both spatial axes) before the full correlation with dL/dY.',
  },
  'padding-off-by-one': {
    title: 'the VJP cropped one row and one column too late',
    fix: 'crop the padded gradient starting at the top and left padding (0-based), not one position later.',
  },
  'kernel-transposed': {
    title: 'the VJP with the kernel transposed',
    fix: 'mirror the kernel (reverse rows and columns) instead of transposing it.',
  },
  'seed-unpad': {
    title: 'the VJP with the last row/column cut by X[s:-e]',
    fix: 'crop with X[s:H+s] (an explicit end) instead of X[s:-e], which is empty or one short when e = 0.',
  },
  'stride-ignored': {
    title: 'the VJP with the stride ignored',
    fix: 'spread dL/dY out by the stride (insert stride-1 zeros between its rows and columns) before correlating.',
  },
  'dilation-ignored': {
    title: 'the VJP with the dilation ignored',
    fix: 'dilate the kernel taps in the backward pass exactly as in the forward pass.',
  },
  'dw-not-mirrored': {
    title: 'the kernel gradient not turned back 180 degrees',
    fix: 'for a true convolution, turn the correlation of X with dL/dY 180 degrees before returning it as dL/dW.',
  },
  'channels-swapped': {
    title: 'the VJP with the kernel read as (Cin,Cout,K,L)',
    fix: 'pair input channel ci with W[co,ci] (sum over co); do not swap the kernel’s two channel axes.',
  },
};

function bugHypothesis(name: BugName): Hypothesis {
  return {
    name,
    ...BUG_TEXT[name],
    gradients: (e) => {
      const arrays = miswiredVjp(e.prep, e.xp, e.gy, name);
      return typeof arrays === 'string' ? undefined : { dX: arrays.dx, dW: arrays.dw };
    },
  };
}

function otherOperation(problem: Problem): Hypothesis {
  const other = problem.conv.op === 'conv' ? 'xcorr' : 'conv';
  return other === 'xcorr'
    ? {
        name: 'cross-correlation',
        title: 'the gradient of cross-correlation (the kernel not mirrored in the forward pass)',
        fix: "PyTorch's conv2d cross-correlates: choose Operation: cross-correlation (--op xcorr).",
        gradients: (e) => ownOf({ ...e.problem, conv: { ...e.problem.conv, op: other } }),
      }
    : {
        name: 'convolution',
        title: 'the gradient of a true convolution (the kernel mirrored in the forward pass)',
        fix: 'your forward pass convolves (scipy.signal.convolve2d does): choose Operation: convolution (--op conv).',
        gradients: (e) => ownOf({ ...e.problem, conv: { ...e.problem.conv, op: other } }),
      };
}

function ownOf(problem: Problem): HypothesisGradients | undefined {
  try {
    const a = analyze(problem);
    return { dX: a.dX.data, dW: a.dW.data };
  } catch {
    // The other operation's padding may not exist for this problem (it always does today).
    return undefined;
  }
}

const SIDES = { rows: ['top', 'bottom'], cols: ['left', 'right'] } as const;

/** The crop window shifted by (rows, cols) positions: what a backward pass with a padding side off by one folds. */
function cropShift(rows: number, cols: number): Hypothesis {
  const part = (by: number, axis: 'rows' | 'cols') => (by === 0 ? '' : `${SIDES[axis][0]}${by > 0 ? '+1' : '-1'}`);
  const name = `padding-${[part(rows, 'rows'), part(cols, 'cols')].filter(Boolean).join('-')}`;
  const where = (by: number, axis: 'rows' | 'cols') =>
    by === 0 ? '' : `${by > 0 ? 'one too large' : 'one too small'} on the ${SIDES[axis][0]} (the ${axis === 'rows' ? 'row' : 'column'} crop starts ${by > 0 ? 'late' : 'early'})`;
  const said = [where(rows, 'rows'), where(cols, 'cols')].filter(Boolean).join(' and ');
  return {
    name,
    title: `the VJP cropped with the padding ${said}`,
    fix: `crop the padded gradient at exactly the forward pass's top and left padding; yours is off by one (${name.slice('padding-'.length)}).`,
    gradients: (e) => {
      const { geometry } = e.prep;
      const shifted = { ...e.prep, geometry: { rows: shiftedBy(geometry.rows, rows), cols: shiftedBy(geometry.cols, cols) } };
      return { dX: vjpPadded(shifted, e.xp, e.gy).dx, dW: e.own.dW };
    },
  };
}

/** dL/dW changed after the fact, dL/dX left exact. */
function kernelGradient(name: string, title: string, fix: string, change: (dw: FloatArray, p: Prepared) => FloatArray | undefined): Hypothesis {
  return {
    name,
    title,
    fix,
    gradients: (e) => {
      const dW = change(e.own.dW, e.prep);
      return dW && { dX: e.own.dX, dW };
    },
  };
}

const DW_CHANGES: readonly Hypothesis[] = [
  kernelGradient('dw-transposed', 'the correct kernel gradient transposed in each channel', 'return the kernel gradient with rows as rows: do not transpose it.', (dw, p) =>
    p.k === p.l ? transposePlanes(dw, p.k) : undefined,
  ),
  kernelGradient(
    'dw-mirrored',
    'the correct kernel gradient turned 180 degrees in each channel',
    'for cross-correlation the correlation of X with dL/dY is dL/dW as it is: do not flip it.',
    // For a true convolution this is the catalogued dw-not-mirrored.
    (dw, p) => (p.mirrored ? undefined : mirrorPlanes(dw, p.k, p.l)),
  ),
  kernelGradient('dw-channels-swapped', 'the correct kernel gradient with its channel axes swapped', 'return dL/dW as (Cout,Cin,K,L), the layout of W: do not swap its channel axes.', (dw, p) =>
    p.cout === p.c && p.c > 1 ? swapChannels(dw, p.c, p.k * p.l) : undefined,
  ),
];

const ACTIVATION_DROPPED: Hypothesis = {
  name: 'activation-derivative-dropped',
  title: "the VJP with the activation's derivative left out of dL/dY",
  fix: "multiply dL/dY by the activation's derivative at Y (the chain rule through the activation).",
  gradients: (e) => {
    const { loss } = e.problem;
    if (loss.kind !== 'l2' || loss.activation === 'identity') return undefined;
    const act = ACTIVATIONS[loss.activation];
    const target = loss.target.kind === 'array' ? castData(loss.target.value, e.prep.dtype) : undefined;
    const gy = e.gy.slice();
    for (let o = 0; o < gy.length; o++) gy[o] = act.value(e.y[o]) - (target ? target[o] : 0);
    const arrays = vjpPadded(e.prep, e.xp, gy);
    return { dX: arrays.dx, dW: arrays.dw };
  },
};

/** The least-squares factor c with tested ≈ c * own, or undefined when own is all zeros. */
export function fittedFactor(tested: FloatArray, own: FloatArray): number | undefined {
  let uv = 0;
  let vv = 0;
  for (let i = 0; i < own.length; i++) {
    uv += tested[i] * own[i];
    vv += own[i] * own[i];
  }
  return vv > 0 && Number.isFinite(uv) ? uv / vv : undefined;
}

/** Each gradient under test's fitted factor, or 1 where there is none to fit. */
function factors(e: Evidence): Record<DiagnosedName, number> {
  const fit = (name: DiagnosedName) => {
    const tested = e.tested[name];
    return (tested && fittedFactor(tested, e.own[name])) ?? 1;
  };
  return { dX: fit('dX'), dW: fit('dW') };
}

function multiplied(e: Evidence, c: Record<DiagnosedName, number>): HypothesisGradients {
  return { dX: e.own.dX.map((v) => c.dX * v), dW: e.own.dW.map((v) => c.dW * v) };
}

const SIGN_FLIPPED: Hypothesis = {
  name: 'sign-flipped',
  title: 'the true gradient with its sign flipped',
  fix: 'the sign is wrong: check the loss (minimising vs maximising) and subtractions written the wrong way round.',
  gradients: (e) => {
    const c = factors(e);
    const flip = (v: number) => (Math.abs(v + 1) < 0.5 ? -1 : 1);
    return multiplied(e, { dX: flip(c.dX), dW: flip(c.dW) });
  },
};

/** A constant multiple: the factor is fitted to each gradient under test. */
const CONSTANT_MULTIPLE: Hypothesis = {
  name: 'constant-multiple',
  title: 'a constant multiple of the true gradient',
  fix: 'remove the stray factor (a loss scale, a mean instead of a sum, a term counted twice).',
  detail: (e) => {
    const c = factors(e);
    return DIAGNOSED.filter((g) => e.tested[g] && c[g] !== 1)
      .map((g) => `${g} x ${Number(c[g].toPrecision(6))}`)
      .join(', ');
  },
  gradients: (e) => multiplied(e, factors(e)),
};

/** Crop shifts in (rows, columns); (1, 1) is the catalogued padding-off-by-one. */
const CROP_SHIFTS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [-1, -1],
  [1, -1],
  [-1, 1],
];

const LATER: readonly Hypothesis[] = [...CROP_SHIFTS.map(([r, c]) => cropShift(r, c)), ...DW_CHANGES, ACTIVATION_DROPPED, SIGN_FLIPPED, CONSTANT_MULTIPLE];

/** The hypotheses for a problem, in the order they are tried. */
export function hypothesesFor(problem: Problem): Hypothesis[] {
  return [otherOperation(problem), ...BUG_NAMES.map(bugHypothesis), ...LATER];
}

/** Every name a diagnosis can give, for the documentation and the tests. */
export const HYPOTHESIS_NAMES: readonly string[] = ['cross-correlation', 'convolution', ...BUG_NAMES, ...LATER.map((h) => h.name)];
