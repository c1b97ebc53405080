import { measureInThreads } from '../../src/cli/numerical-pool';
import { measureHere, planCheck } from '../../src/core/check/check';
import type { DType } from '../../src/core/problem/types';
import { numericalDwMadds, numericalDxMadds, type ConvShape } from '../madds';
import { benchProblem } from '../problems';
import { convgradTiming } from '../row';
import { measure, measureAsync } from '../timing';
import { shapeLabel, type BenchCase } from './case';

/**
 * The numerical map on `threads` worker threads (the CLI's pool: the core's piecesOf, each
 * thread claiming pieces of shared arrays, the main thread taking a share) against the same map
 * in one thread. Thread start-up (loading the built core from out/cli, which `npm run bench`
 * builds first) is part of every pooled run, as it is in the CLI.
 */
export function poolCase(shape: ConvShape, dtype: DType, threads: number, target: number): BenchCase {
  const madds = numericalDxMadds(shape) + numericalDwMadds(shape);
  return {
    scipy: [],
    async run() {
      const plan = planCheck(benchProblem(shape, dtype), { numerical: 'full', method: 'central' });
      const single = measure(() => measureHere(plan));
      const pooled = await measureAsync(() => measureInThreads(plan, threads, { worthwhile: 0 }));
      const speedup = single.median_ms / pooled.median_ms;
      return {
        id: `pool-${dtype}-${shape.h}x${shape.w}-${shape.k}x${shape.l}`,
        title: `numerical map ${dtype} ${shapeLabel(shape)}, CLI pool of ${threads} threads`,
        convgrad: convgradTiming(pooled, madds),
        references: [{ label: `the same map in one thread (cpu ${single.median_cpu_ms.toFixed(0)} ms)`, ms: single.median_ms, madds }],
        target: { text: `≥${target}× vs 1 thread`, met: speedup >= target, basis: 'the issue' },
      };
    },
  };
}
