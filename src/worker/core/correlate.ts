import { correlateFft, fftPays } from './correlate-fft';
import type { FloatArray } from './types';

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

// The product of two float32 values is exact in float64, so rounding after each addition makes
// each step one correctly rounded float32 multiply-add. It is a loop-invariant branch rather than
// a rounding callback: a callback that is sometimes Math.fround and sometimes the identity would
// stop V8 from inlining either and halve the speed of both precisions.

/**
 * The whole correlation, by FFT where correlate-fft.ts's cost model says it pays (float64 only),
 * otherwise directly. correlateChannel and outputAt below stay direct: the numerical job
 * recomputes single outputs with them and needs them to agree with each other bit for bit.
 */
export function correlate(s: CorrelationShape, input: FloatArray, taps: FloatArray, bias?: FloatArray): FloatArray {
  if (input instanceof Float64Array && taps instanceof Float64Array && (bias === undefined || bias instanceof Float64Array) && fftPays(s)) {
    return correlateFft(s, input, taps, bias);
  }
  const out = new (input.constructor as new (n: number) => FloatArray)(s.n * s.cout * s.ho * s.wo);
  for (let co = 0; co < s.cout; co++) correlateChannel(s, input, taps, bias, co, out);
  return out;
}

/** How many adjacent outputs of a row one pass over the taps computes, in registers. */
const BLOCK = 4;

/**
 * Output channel co, written over out. Every output sums in the order bias, channel, tap row,
 * tap column, as outputAt does, so the two agree bit for bit.
 */
export function correlateChannel(s: CorrelationShape, input: FloatArray, taps: FloatArray, bias: FloatArray | undefined, co: number, out: FloatArray): void {
  const { n, c, cout, k, l, ho, wo, wp, sh, sw, dh, dw, f32 } = s;
  const plane = s.hp * wp;
  const start = bias ? bias[co] : 0;
  const blocked = wo - (wo % BLOCK);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < ho; i++) {
      const outRow = ((b * cout + co) * ho + i) * wo;
      for (let j = 0; j < blocked; j += BLOCK) {
        let a0 = start;
        let a1 = start;
        let a2 = start;
        let a3 = start;
        for (let ci = 0; ci < c; ci++) {
          const inBase = (b * c + ci) * plane + i * sh * wp + j * sw;
          for (let kk = 0; kk < k; kk++) {
            const inRow = inBase + kk * dh * wp;
            const tapRow = ((co * c + ci) * k + kk) * l;
            for (let ll = 0; ll < l; ll++) {
              const t = taps[tapRow + ll];
              const x = inRow + ll * dw;
              a0 += t * input[x];
              a1 += t * input[x + sw];
              a2 += t * input[x + 2 * sw];
              a3 += t * input[x + 3 * sw];
              if (f32) {
                a0 = Math.fround(a0);
                a1 = Math.fround(a1);
                a2 = Math.fround(a2);
                a3 = Math.fround(a3);
              }
            }
          }
        }
        out[outRow + j] = a0;
        out[outRow + j + 1] = a1;
        out[outRow + j + 2] = a2;
        out[outRow + j + 3] = a3;
      }
      for (let j = blocked; j < wo; j++) out[outRow + j] = outputAt(s, input, taps, bias, b, co, i, j);
    }
  }
}

/** One output computed from scratch, in correlateChannel's order and precision. */
export function outputAt(s: CorrelationShape, input: FloatArray, taps: FloatArray, bias: FloatArray | undefined, b: number, co: number, i: number, j: number): number {
  const { c, k, l, wp, dw, f32 } = s;
  let sum = bias ? bias[co] : 0;
  for (let ci = 0; ci < c; ci++) {
    const inBase = (b * c + ci) * s.hp * wp + i * s.sh * wp + j * s.sw;
    for (let kk = 0; kk < k; kk++) {
      const inRow = inBase + kk * s.dh * wp;
      const tapRow = ((co * c + ci) * k + kk) * l;
      for (let ll = 0; ll < l; ll++) {
        sum += taps[tapRow + ll] * input[inRow + ll * dw];
        if (f32) sum = Math.fround(sum);
      }
    }
  }
  return sum;
}

/** Exchanges the two leading axes of an (a, b, ...rest) array whose trailing axes hold `inner` values. */
export function swapLeadingAxes(data: FloatArray, a: number, b: number, inner: number): FloatArray {
  if (a === 1 || b === 1) return data;
  const out = new (data.constructor as new (n: number) => FloatArray)(data.length);
  for (let p = 0; p < a; p++) {
    for (let q = 0; q < b; q++) out.set(data.subarray((p * b + q) * inner, (p * b + q + 1) * inner), (q * a + p) * inner);
  }
  return out;
}
