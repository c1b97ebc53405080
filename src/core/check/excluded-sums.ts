import type { CorrelationShape } from '../conv/correlate';
import type { FloatArray } from '../problem/types';

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

/**
 * For each term t of one output: `start` (its bias) plus every product of the window except
 * term t, written to dest[at + t].
 *
 * This is the value the output has before a perturbed pixel is added back at a step point, so a
 * finite difference gets it without evaluating the other terms once per term: a prefix sum in
 * correlate.ts's order plus a suffix sum from the other end give all of them in O(terms) rather
 * than O(terms²). Each is still a sum of the products themselves; nothing is subtracted, so no
 * cancellation enters and no linearity is assumed. With `f32` every addition is rounded to
 * float32, as the forward pass rounds it.
 *
 * `suffix` is scratch of at least terms + 1 values.
 */
export function excludedSums(
  input: FloatArray,
  taps: FloatArray,
  tapBase: number,
  offsets: Int32Array,
  origin: number,
  start: number,
  f32: boolean,
  suffix: Float64Array,
  dest: FloatArray,
  at: number,
): void {
  const terms = offsets.length;
  let sum = 0;
  for (let t = terms - 1; t >= 0; t--) {
    suffix[t] = sum;
    sum += taps[tapBase + t] * input[origin + offsets[t]];
    if (f32) sum = Math.fround(sum);
  }
  sum = start;
  for (let t = 0; t < terms; t++) {
    dest[at + t] = f32 ? Math.fround(sum + suffix[t]) : sum + suffix[t];
    sum += taps[tapBase + t] * input[origin + offsets[t]];
    if (f32) sum = Math.fround(sum);
  }
}

/**
 * Excluded sums (every term of every output) for the last few output rows asked for, per output
 * channel: the rows a run of pixels in input order keeps coming back to. Row (b, co, i) lives in
 * slot co*kept + i % kept, which holds every row a single input row reaches when `kept` is the
 * reach's span, so the pixels of one input row never evict each other's rows.
 */
export class ExcludedRows {
  readonly values: FloatArray;
  readonly #held: Int32Array;
  readonly #offsets: Int32Array;
  readonly #suffix: Float64Array;

  constructor(
    readonly shape: CorrelationShape,
    readonly input: FloatArray,
    readonly taps: FloatArray,
    readonly bias: FloatArray | undefined,
    readonly kept: number,
  ) {
    this.#offsets = windowOffsets(shape);
    this.values = new (input.constructor as new (n: number) => FloatArray)(shape.cout * kept * shape.wo * this.#offsets.length);
    this.#held = new Int32Array(shape.cout * kept).fill(-1);
    this.#suffix = new Float64Array(this.#offsets.length + 1);
  }

  /** The index in `values` of output (b, co, i, 0)'s first term, computing the row if it is not held. */
  row(b: number, co: number, i: number): number {
    const s = this.shape;
    const terms = this.#offsets.length;
    const slot = co * this.kept + (i % this.kept);
    const at = slot * s.wo * terms;
    const key = b * s.ho + i;
    if (this.#held[slot] !== key) {
      const start = this.bias ? this.bias[co] : 0;
      for (let j = 0; j < s.wo; j++) {
        excludedSums(this.input, this.taps, co * terms, this.#offsets, windowOrigin(s, b, i, j), start, s.f32, this.#suffix, this.values, at + j * terms);
      }
      this.#held[slot] = key;
    }
    return at;
  }
}
