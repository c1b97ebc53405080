import { DEFAULT_STEP } from '../../src/core/problem/defaults';
import { reachOf, type Axis } from '../../src/core/problem/geometry';
import { emptyTarget } from '../../src/core/check/difference';
import { createNumericalJob, type FillTarget, type NumericalJob } from '../../src/core/check/numerical';
import { prepare } from '../../src/core/problem/problem';
import { createReferenceJob } from '../../src/core/check/reference';
import { arrayType } from '../../src/core/problem/tensor';
import type { DType, GradientName } from '../../src/core/problem/types';
import { axisReach, elementCounts, numericalDwMadds, numericalDxMadds, referenceMaddsPerElement, type ConvShape } from '../madds';
import { benchProblem } from '../problems';
import { convgradTiming, type Reference } from '../row';
import type { ScipyRequest } from '../scipy';
import { measure, median } from '../timing';
import { maxAbsDifference, scipyReference, shapeLabel, spread, type BenchCase } from './case';

/** How many values of each gradient the seed's method is timed on before extrapolating. */
const SAMPLE = { dX: 20, dW: 5 } as const;

interface Sampled {
  readonly msPerElement: number;
  readonly indices: number[];
  readonly values: number[];
}

/** Times the seed's black-box method on a few values of one gradient, one element at a time. */
function sampleReference(job: NumericalJob, name: GradientName, m: number, dtype: DType): Sampled {
  const indices = spread(job.counts[name], m);
  const out = emptyTarget(job.counts[name], arrayType(dtype));
  job.fill(name, indices[0], indices[0] + 1, out); // warm-up, not counted
  const times = indices.map((e) => {
    const t0 = performance.now();
    job.fill(name, e, e + 1, out);
    return performance.now() - t0;
  });
  return { msPerElement: times.reduce((a, b) => a + b, 0) / times.length, indices, values: indices.map((e) => out.values[e]) };
}

/** The madd formula's output visits per axis against the core's own reach tables: 0 when they agree. */
function reachFormulaError(shape: ConvShape, rows: Axis, cols: Axis): number {
  return Math.abs(axisReach(shape.h, shape.k) - reachOf(rows).outputs.length) + Math.abs(axisReach(shape.w, shape.l) - reachOf(cols).outputs.length);
}

/**
 * The whole finite-difference map of dX and dW (central, default h) through createNumericalJob,
 * the job the app's worker runs, against the seed's method (a full forward per perturbation)
 * timed on a sample and extrapolated, and the same method with scipy's convolve2d.
 */
export function numericalCase(shape: ConvShape, dtype: DType, targetMs?: number): BenchCase {
  const id = `numerical-${dtype}-${shape.h}x${shape.w}-${shape.k}x${shape.l}`;
  const counts = elementCounts(shape);
  const total = counts.dX + counts.dW;
  const madds = numericalDxMadds(shape) + numericalDwMadds(shape);
  const forwardRequest: ScipyRequest = {
    id: `forward-convolve2d-${shape.h}x${shape.w}-${shape.k}x${shape.l}`,
    h: shape.h,
    w: shape.w,
    k: shape.k,
    l: shape.l,
    work: 'forward',
    method: 'convolve2d',
    reps: 7,
  };
  return {
    scipy: [forwardRequest],
    run(scipy) {
      const problem = benchProblem(shape, dtype);
      const settings = { method: 'central', h: DEFAULT_STEP } as const;
      const Float = arrayType(dtype);
      const out: Record<'dX' | 'dW', FillTarget> = { dX: emptyTarget(counts.dX, Float), dW: emptyTarget(counts.dW, Float) };
      const parts = { setup: [] as number[], dX: [] as number[], dW: [] as number[] };
      const timing = measure(() => {
        const t0 = performance.now();
        const job = createNumericalJob(problem, settings);
        const t1 = performance.now();
        job.fill('dX', 0, counts.dX, out.dX);
        const t2 = performance.now();
        job.fill('dW', 0, counts.dW, out.dW);
        parts.setup.push(t1 - t0);
        parts.dX.push(t2 - t1);
        parts.dW.push(performance.now() - t2);
      });
      const afterWarmup = (values: number[]) => median(values.length > 1 ? values.slice(1) : values);
      const convgrad = convgradTiming(timing, madds, { setup: afterWarmup(parts.setup), dX: afterWarmup(parts.dX), dW: afterWarmup(parts.dW) });

      const reference = createReferenceJob(problem, settings);
      const dX = sampleReference(reference, 'dX', SAMPLE.dX, dtype);
      const dW = sampleReference(reference, 'dW', SAMPLE.dW, dtype);
      const seedJs: Reference = {
        label: 'seed method, JS core (extrapolated)',
        ms: dX.msPerElement * counts.dX + dW.msPerElement * counts.dW,
        madds: referenceMaddsPerElement(shape) * total,
        estimated: `mean time per value, timed one by one on ${dX.indices.length}+${dW.indices.length} of the ${counts.dX}+${counts.dW} dX+dW values`,
      };
      const { rows, cols } = prepare(problem).geometry;
      const agreement = {
        'output visits per axis, madd formula vs core reachOf': reachFormulaError(shape, rows, cols),
        'dX vs seed method on the sample, max |diff|': maxAbsDifference(dX.values, dX.indices.map((e) => out.dX.values[e])),
        'dW vs seed method on the sample, max |diff|': maxAbsDifference(dW.values, dW.indices.map((e) => out.dW.values[e])),
      };
      return {
        id,
        title: `numerical map dX+dW ${dtype} ${shapeLabel(shape)}`,
        convgrad,
        references: [
          seedJs,
          scipyReference(scipy, forwardRequest.id, 'seed method, scipy f64 (extrapolated)', referenceMaddsPerElement(shape) * total, 2 * total, `2 × the forward convolve2d time × ${total} values`),
        ],
        target:
          targetMs === undefined
            ? undefined
            : { text: `≤ ${targetMs / 1000} s`, met: convgrad.median_ms <= targetMs, basis: 'the issue' },
        agreement,
      };
    },
  };
}
