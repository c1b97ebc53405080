import { analyze, type Analysis } from '../../src/core/conv/analyze';
import { fftPays } from '../../src/core/conv/correlate-fft';
import { forwardShape } from '../../src/core/conv/forward';
import { prepare } from '../../src/core/problem/problem';
import type { DType, Tensor } from '../../src/core/problem/types';
import { forwardMadds, vjpMadds, type ConvShape } from '../madds';
import { benchProblem } from '../problems';
import { convgradTiming, type Reference, type Target } from '../row';
import type { ScipyOutcome, ScipyRequest } from '../scipy';
import { measure, median } from '../timing';
import { scipyReference, shapeLabel, type BenchCase } from './case';

/**
 * What the target is judged against. The issue's figures stand in when scipy is missing:
 * forward 1024²·5×5 convolve2d 37 ms and 1024²·11×11 fftconvolve 23 ms, times three products.
 */
export type ForwardVjpTarget = 'half-of-convolve2d' | 'fftconvolve' | 'none';

const ISSUE_FIGURE_MS: Record<Exclude<ForwardVjpTarget, 'none'>, number> = { 'half-of-convolve2d': 3 * 37, fftconvolve: 3 * 23 };
const MIN_RATE = 1.5;

function dot(a: Tensor, b: Tensor): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += a.data[i] * b.data[i];
  return sum;
}

/** The loss is linear in X and in W (no bias), so L = <dL/dX, X> = <dL/dW, W>: a check that costs one pass. */
function adjointDeviation(result: Analysis, x: Tensor, w: Tensor): Record<string, number> {
  const relative = (v: number) => Math.abs(v - result.loss) / Math.max(Math.abs(result.loss), 1e-300);
  return { '|<dX,X> - L| / |L|': relative(dot(result.dX, x)), '|<dW,W> - L| / |L|': relative(dot(result.dW, w)) };
}

/** Judged against the first reference, which is the one the target names. */
function judge(kind: ForwardVjpTarget, ms: number, rate: number, against: Reference): Target | undefined {
  if (kind === 'none') return undefined;
  const measured = against.ms;
  const refMs = measured ?? ISSUE_FIGURE_MS[kind];
  const basis = measured === null ? `issue's figure ${refMs} ms (scipy not available)` : `${against.label} measured now`;
  if (kind === 'half-of-convolve2d') {
    return { text: `≥2× scipy convolve2d and ≥${MIN_RATE} Madd/ns`, met: ms <= refMs / 2 && rate >= MIN_RATE, basis };
  }
  return { text: '≥1× scipy fftconvolve', met: ms <= refMs, basis };
}

/** Y and the exact VJP (dX, dW) through analyze(), as the app computes them. */
export function forwardVjpCase(shape: ConvShape, dtype: DType, target: ForwardVjpTarget): BenchCase {
  const size = `${shape.h}x${shape.w}-${shape.k}x${shape.l}`;
  const id = `forward-vjp-${dtype}-${size}`;
  const request = (suffix: string, work: ScipyRequest['work'], method: ScipyRequest['method'], reps: number): ScipyRequest => ({
    id: `${work}-${method}-${size}${suffix}`,
    h: shape.h,
    w: shape.w,
    k: shape.k,
    l: shape.l,
    work,
    method,
    reps,
  });
  const direct = request('', 'forward+vjp', 'convolve2d', 3);
  const fftForward = request('', 'forward', 'fftconvolve', 5);
  const fft = request('', 'forward+vjp', 'fftconvolve', 3);
  const madds = forwardMadds(shape) + vjpMadds(shape);
  const ofF64 = dtype === 'f64' ? '' : ' (f64)';
  const scipyRefs = (outcome: ScipyOutcome): Reference[] => {
    const refs = [scipyReference(outcome, direct.id, `scipy convolve2d Y+dX+dW${ofF64}`, madds)];
    if (target !== 'fftconvolve') return refs;
    return [
      scipyReference(outcome, fftForward.id, 'scipy fftconvolve, 3 × forward', madds, 3, 'each of Y, dX, dW costed as one forward-sized fftconvolve (the strict reading of the target)'),
      { ...scipyReference(outcome, fft.id, 'scipy fftconvolve Y+dX+dW', madds), note: 'dW as fftconvolve(Xpad, flip(G), valid): FFTs of about (H+H)², so slower than 3 forwards' },
      ...refs,
    ];
  };
  return {
    scipy: target === 'fftconvolve' ? [direct, fftForward, fft] : [direct],
    run(scipy) {
      const problem = benchProblem(shape, dtype);
      const forward: number[] = [];
      const vjp: number[] = [];
      let last: Analysis | undefined;
      const timing = measure(() => {
        last = analyze(problem);
        forward.push(last.timings_ms.forward);
        vjp.push(last.timings_ms.vjp);
      });
      // The warm-up's split is left out, as its total is (unless it was the only run).
      const afterWarmup = (values: number[]) => median(values.length > 1 ? values.slice(1) : values);
      const convgrad = convgradTiming(timing, madds, { forward: afterWarmup(forward), vjp: afterWarmup(vjp) });
      const agreement = adjointDeviation(last as Analysis, problem.x, problem.w);
      const references = scipyRefs(scipy);
      // correlate() picks the path itself; the title says which one the forward pass took.
      const path = fftPays(forwardShape(prepare(problem))) ? ' through an FFT (chosen automatically)' : '';
      return {
        id,
        title: `forward+VJP ${dtype} ${shapeLabel(shape)}${path}`,
        convgrad,
        references,
        target: judge(target, convgrad.median_ms, convgrad.madd_per_ns, references[0]),
        agreement,
      };
    },
  };
}
