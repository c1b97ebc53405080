// Sizes and geometry of a problem read from its shapes alone (no copies of the data), for the
// cost estimate and the hover outlines.
import { resolveGeometry, type Geometry } from '../../worker/core/geometry';
import type { Problem } from '../../worker/core/types';
import type { ProblemSize } from './cost';

/** X as (N,C,H,W) and W as (Cout,Cin,K,L), padded with leading ones. */
function dims(problem: Problem): { n: number; c: number; h: number; w: number; cout: number; cin: number; k: number; l: number } {
  const [n, c, h, w] = [1, 1, 1, 1, ...problem.x.shape].slice(-4);
  const [cout, cin, k, l] = [1, 1, ...problem.w.shape].slice(-4);
  return { n, c, h, w, cout, cin, k, l };
}

export function problemSize(problem: Problem): ProblemSize {
  const d = dims(problem);
  return { n: d.n, cin: d.cin, cout: d.cout, k: d.k, l: d.l, bias: problem.bias !== undefined };
}

/** The core's geometry for the problem, or undefined when its options are impossible. */
export function geometryOf(problem: Problem): Geometry | undefined {
  const d = dims(problem);
  try {
    return resolveGeometry(d.h, d.w, d.k, d.l, problem.conv);
  } catch {
    return undefined;
  }
}
