/**
 * Multiply-add counts from the shapes, for the seed's geometry (zero padding after the image:
 * K-1 rows and L-1 columns, stride 1, dilation 1, so Ho = H and Wo = W). Each count follows what
 * the core's loops actually do (src/core/conv/forward.ts, vjp.ts, numerical.ts, reference.ts),
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
 * The local numerical job (numerical.ts). For dX, each output a pixel reaches has the tap that
 * reads the pixel taken out of Y and added back at both step points (3 madds; with zero padding
 * exactly one tap of an output reads a given pixel, and every pixel takes this path); Y itself is
 * counted once, in dW's figure. Forward, backward and central differences all evaluate two
 * points, so the method does not change the counts. If the core's algorithm changes, these must
 * change with it.
 */
export function numericalDxMadds(s: ConvShape): number {
  return s.n * s.cin * s.cout * axisReach(s.h, s.k) * axisReach(s.w, s.l) * 3;
}

/**
 * dW: the forward pass once (Y), then for every tap and output of its channel the tap's term
 * subtracted from Y and added back at both step points: 3 madds.
 */
export function numericalDwMadds(s: ConvShape): number {
  const outputs = s.n * s.h * s.w;
  return forwardMadds(s) + s.cout * outputs * 3 * s.cin * s.k * s.l;
}

/** The seed's black-box method: two full forward passes per perturbed value. */
export function referenceMaddsPerElement(s: ConvShape): number {
  return 2 * forwardMadds(s);
}

export function elementCounts(s: ConvShape): { dX: number; dW: number } {
  return { dX: s.n * s.cin * s.h * s.w, dW: s.cout * s.cin * s.k * s.l };
}
