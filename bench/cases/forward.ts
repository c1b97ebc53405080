import { forwardPadded } from '../../src/core/conv/forward';
import { padInput } from '../../src/core/problem/pad';
import { prepare } from '../../src/core/problem/problem';
import type { DType, FloatArray } from '../../src/core/problem/types';
import { forwardMadds, type ConvShape } from '../madds';
import { naiveConvolve } from '../naive';
import { benchProblem } from '../problems';
import { convgradTiming } from '../row';
import { measure } from '../timing';
import { maxAbsDifference, scipyReference, shapeLabel, type BenchCase } from './case';

/**
 * Y alone: the core's padding and forward loops on an already validated problem, against the
 * naive four-loop convolution and scipy.signal.convolve2d on the same single-channel shapes.
 */
export function forwardCase(shape: ConvShape, dtype: DType): BenchCase {
  if (shape.n !== 1 || shape.cin !== 1 || shape.cout !== 1) throw new Error('forwardCase: the naive baseline is single-channel');
  const id = `forward-${dtype}-${shape.h}x${shape.w}-${shape.k}x${shape.l}`;
  const madds = forwardMadds(shape);
  return {
    scipy: [{ id, h: shape.h, w: shape.w, k: shape.k, l: shape.l, work: 'forward', method: 'convolve2d', reps: 7 }],
    run(scipy) {
      const problem = benchProblem(shape, dtype);
      const prep = prepare(problem);
      let y: FloatArray = new Float64Array(0);
      const convgrad = measure(() => {
        y = forwardPadded(prep, padInput(prep));
      });
      const x = problem.x.data as Float64Array;
      const w = problem.w.data as Float64Array;
      let yNaive: Float64Array = new Float64Array(0);
      const naive = measure(() => {
        yNaive = naiveConvolve(x, shape.h, shape.w, w, shape.k, shape.l);
      });
      return {
        id,
        title: `forward ${dtype} ${shapeLabel(shape)}`,
        convgrad: convgradTiming(convgrad, madds),
        references: [
          { label: `naive 4-loop JS (${(madds / (naive.median_ms * 1e6)).toFixed(2)} Madd/ns)`, ms: naive.median_ms, madds },
          scipyReference(scipy, id, 'scipy convolve2d', madds),
        ],
        agreement: { 'Y vs naive 4-loop, max |diff|': maxAbsDifference(y, yNaive) },
      };
    },
  };
}
