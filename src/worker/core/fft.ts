/**
 * An in-place iterative radix-2 complex FFT (decimation in time: bit-reversed reordering, then
 * butterflies of growing span) over separate real and imaginary Float64Arrays, and its 2-D form
 * on row-major planes. Sizes are powers of two; the inverse is unscaled (the caller
 * divides by the size once, where it reads the result).
 */
export interface FftPlan {
  readonly size: number;
  /** cos, -sin and sin of 2*pi*m/size for m < size/2: the twiddles forward and inverse. */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly sinInverse: Float64Array;
  /** The bit-reversed index of each index. */
  readonly reversed: Uint32Array;
}

export function isPowerOfTwo(v: number): boolean {
  return v >= 1 && (v & (v - 1)) === 0;
}

export function nextPowerOfTwo(v: number): number {
  let p = 1;
  while (p < v) p *= 2;
  return p;
}

export function fftPlan(size: number): FftPlan {
  if (!isPowerOfTwo(size)) throw new Error(`FFT size ${size} is not a power of two`);
  const half = size >> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  const sinInverse = new Float64Array(half);
  for (let m = 0; m < half; m++) {
    cos[m] = Math.cos((2 * Math.PI * m) / size);
    sin[m] = -Math.sin((2 * Math.PI * m) / size);
    sinInverse[m] = -sin[m];
  }
  const reversed = new Uint32Array(size);
  const bits = Math.log2(size);
  for (let i = 0; i < size; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    reversed[i] = r;
  }
  return { size, cos, sin, sinInverse, reversed };
}

/** Transforms size values in place; inverse conjugates the twiddles. */
export function fft(plan: FftPlan, re: Float64Array, im: Float64Array, inverse: boolean): void {
  fftColumns(plan, re, im, 1, inverse);
}

/**
 * The transform down every column of a row-major array of plan.size rows and `cols` columns at
 * once: each butterfly combines two whole rows, so the innermost loop runs along memory.
 */
function fftColumns(plan: FftPlan, re: Float64Array, im: Float64Array, cols: number, inverse: boolean): void {
  const { size, cos, reversed } = plan;
  const sin = inverse ? plan.sinInverse : plan.sin;
  for (let i = 0; i < size; i++) {
    const r = reversed[i];
    if (r > i) {
      for (let q = 0; q < cols; q++) {
        const a = i * cols + q;
        const b = r * cols + q;
        const tr = re[a];
        re[a] = re[b];
        re[b] = tr;
        const ti = im[a];
        im[a] = im[b];
        im[b] = ti;
      }
    }
  }
  for (let span = 1, step = size >> 1; span < size; span *= 2, step >>= 1) {
    for (let m = 0; m < span; m++) {
      const wr = cos[m * step];
      const wi = sin[m * step];
      for (let row = m; row < size; row += 2 * span) {
        const a0 = row * cols;
        const b0 = (row + span) * cols;
        for (let q = 0; q < cols; q++) {
          const a = a0 + q;
          const b = b0 + q;
          const xr = re[b] * wr - im[b] * wi;
          const xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}

/**
 * A 2-D transform of a row-major plane of colPlan.size rows and rowPlan.size columns, done as
 * two passes down columns (the fast direction) with a transpose between them. The forward
 * transform therefore leaves the spectrum transposed (index fc * rows + fr), and the inverse
 * takes it that way and returns the plane in its own layout; products of two spectra are
 * elementwise, so the layout never shows. `scratch` holds two planes' worth of values.
 */
export function fft2d(rowPlan: FftPlan, colPlan: FftPlan, re: Float64Array, im: Float64Array, inverse: boolean, scratch: Float64Array): void {
  const rows = colPlan.size;
  const cols = rowPlan.size;
  const [first, firstWidth, second, secondWidth] = inverse ? [rowPlan, rows, colPlan, cols] : [colPlan, cols, rowPlan, rows];
  fftColumns(first, re, im, firstWidth, inverse);
  transpose(re, im, first.size, firstWidth, scratch);
  fftColumns(second, re, im, secondWidth, inverse);
}

function transpose(re: Float64Array, im: Float64Array, rows: number, cols: number, scratch: Float64Array): void {
  const points = rows * cols;
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < cols; q++) {
      scratch[q * rows + r] = re[r * cols + q];
      scratch[points + q * rows + r] = im[r * cols + q];
    }
  }
  re.set(scratch.subarray(0, points));
  im.set(scratch.subarray(points, 2 * points));
}
