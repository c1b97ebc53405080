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
