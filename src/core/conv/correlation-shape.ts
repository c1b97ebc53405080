/**
 * A valid, strided, dilated, multi-channel cross-correlation of an already padded input:
 *
 *   out[b,co,i,j] = bias[co] + sum_{ci,k,l} taps[co,ci,k,l] * input[b,ci, i*sh + k*dh, j*sw + l*dw]
 *
 * with input (n,c,hp,wp), taps (cout,c,k,l) and out (n,cout,ho,wo). It is the one kernel the
 * forward pass and both halves of the VJP run on (vjp.ts rewrites each as such a correlation).
 */
export interface CorrelationShape {
  readonly n: number;
  readonly c: number;
  readonly cout: number;
  readonly k: number;
  readonly l: number;
  readonly hp: number;
  readonly wp: number;
  readonly ho: number;
  readonly wo: number;
  readonly sh: number;
  readonly sw: number;
  readonly dh: number;
  readonly dw: number;
  /** Round every addition to float32: float32 is computed in float32. */
  readonly f32: boolean;
}

/**
 * Where each term of an output's window reads the padded input, relative to the window's origin:
 * term t = (ci*K + kk)*L + ll, the order correlate.ts sums in, reads input[origin + offsets[t]].
 */
export function windowOffsets(s: CorrelationShape): Int32Array {
  const offsets = new Int32Array(s.c * s.k * s.l);
  for (let ci = 0; ci < s.c; ci++) {
    for (let kk = 0; kk < s.k; kk++) {
      for (let ll = 0; ll < s.l; ll++) offsets[(ci * s.k + kk) * s.l + ll] = ci * s.hp * s.wp + kk * s.dh * s.wp + ll * s.dw;
    }
  }
  return offsets;
}

/** The padded-input index where the window of output (b, ·, i, j) starts. */
export function windowOrigin(s: CorrelationShape, b: number, i: number, j: number): number {
  return b * s.c * s.hp * s.wp + i * s.sh * s.wp + j * s.sw;
}
