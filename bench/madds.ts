/**
 * Multiply-add counts from the shapes, for the seed's geometry (zero padding after the image:
 * K-1 rows and L-1 columns, stride 1, dilation 1, so Ho = H and Wo = W). Each count follows what
 * the core's loops actually do (src/worker/core/forward.ts, vjp.ts, numerical.ts, reference.ts),
 * including products with padding zeros, so the rates compare like with like.
 */
export interface ConvShape {
  readonly n: number;
  readonly cin: number;
  readonly h: number;
  readonly w: number;
  readonly cout: number;
  readonly k: number;
  readonly l: number;
}

/** forwardPadded: every output sums Cin*K*L products. N*Cout*Ho*Wo*Cin*K*L. */
export function forwardMadds(s: ConvShape): number {
  return s.n * s.cout * s.h * s.w * s.cin * s.k * s.l;
}

/** vjpPadded: per output and tap one madd into dXpadded and one into dW. 2 x forward. */
export function vjpMadds(s: ConvShape): number {
  return 2 * forwardMadds(s);
}

/** Sum over the inputs of one axis of how many outputs read them: input a is read by outputs a-K+1..a that exist. */
export function axisReach(size: number, kernel: number): number {
  let total = 0;
  for (let a = 0; a < size; a++) total += Math.min(a + 1, kernel);
  return total;
}

/**
 * One value of the local numerical job: for every output the perturbation reaches it recomputes
 * that output at both points (outputAt, Cin*K*L madds each). The core evaluates two points for
 * forward and backward differences too, so the method does not change the count.
 */
const OUTPUT_RECOMPUTES_PER_VISIT = 2;

/** dL/dX: each of N*Cin*H*W pixels reaches Cout * rowReach * colReach outputs; summed over pixels. */
export function numericalDxMadds(s: ConvShape): number {
  const outputVisits = s.n * s.cin * s.cout * axisReach(s.h, s.k) * axisReach(s.w, s.l);
  return OUTPUT_RECOMPUTES_PER_VISIT * outputVisits * s.cin * s.k * s.l;
}

/** dL/dW: each of Cout*Cin*K*L taps reaches all N*Ho*Wo outputs of its channel. */
export function numericalDwMadds(s: ConvShape): number {
  const outputVisits = s.cout * s.cin * s.k * s.l * s.n * s.h * s.w;
  return OUTPUT_RECOMPUTES_PER_VISIT * outputVisits * s.cin * s.k * s.l;
}

/** The seed's black-box method: two full forward passes per perturbed value. */
export function referenceMaddsPerElement(s: ConvShape): number {
  return 2 * forwardMadds(s);
}

export function elementCounts(s: ConvShape): { dX: number; dW: number } {
  return { dX: s.n * s.cin * s.h * s.w, dW: s.cout * s.cin * s.k * s.l };
}
