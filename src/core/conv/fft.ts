/**
 * An in-place radix-4 complex FFT over separate real and imaginary Float64Arrays, and its 2-D
 * form on row-major planes. Sizes are powers of two (an odd power adds one radix-2 stage).
 *
 * The forward transform is decimation in frequency and leaves the spectrum in bit-reversed
 * order: frequency k at position plan.reversed[k]. The inverse is decimation in time and takes
 * the spectrum in that order back to a plane in natural order, unscaled (the caller divides by
 * the size once, where it reads the result). A convolution only multiplies spectra elementwise,
 * so it never needs the natural order, and skipping the reordering saves two passes over memory
 * per transform; plan.mirror gives the position of frequency -k for the symmetry of real input.
 */
export interface FftPlan {
  readonly size: number;
  /** The quarter span q of each radix-4 stage, largest first (size/4, size/16, ...). */
  readonly quarters: readonly number[];
  /**
   * Per stage from offsets[stage], for m < q: cos and sin of w^m, w^2m and w^3m with
   * w = exp(-2 pi i / 4q), six values per m, read in order by the butterflies.
   */
  readonly twiddles: Float64Array;
  readonly offsets: readonly number[];
  /** Whether log2(size) is odd: one radix-2 stage follows the radix-4 stages. */
  readonly radix2: boolean;
  /** The bit-reversed index of each index: where the forward transform puts each frequency. */
  readonly reversed: Uint32Array;
  /** For each position of the forward transform's output, the position of the negated frequency. */
  readonly mirror: Uint32Array;
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
  const quarters: number[] = [];
  const offsets: number[] = [];
  let total = 0;
  for (let q = size >> 2; q >= 1; q >>= 2) {
    quarters.push(q);
    offsets.push(total);
    total += 6 * q;
  }
  const twiddles = new Float64Array(total);
  quarters.forEach((q, stage) => {
    for (let m = 0; m < q; m++) {
      for (let p = 1; p <= 3; p++) {
        const angle = (-2 * Math.PI * p * m) / (4 * q);
        twiddles[offsets[stage] + 6 * m + 2 * (p - 1)] = Math.cos(angle);
        twiddles[offsets[stage] + 6 * m + 2 * (p - 1) + 1] = Math.sin(angle);
      }
    }
  });
  const bits = Math.log2(size);
  const reversed = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    reversed[i] = r;
  }
  const mirror = new Uint32Array(size);
  for (let k = 0; k < size; k++) mirror[reversed[k]] = reversed[(size - k) % size];
  return { size, quarters, twiddles, offsets, radix2: bits % 2 === 1, reversed, mirror };
}

/**
 * Transforms size values in place: forward from natural to bit-reversed order, inverse from
 * bit-reversed to natural order.
 */
export function fft(plan: FftPlan, re: Float64Array, im: Float64Array, inverse: boolean): void {
  const lanes: Lanes = { step: 1, stride: 1, count: 1 };
  if (inverse) inverseLanes(plan, re, im, lanes);
  else forwardLanes(plan, re, im, lanes);
}

/**
 * Many transforms of one size at once: element j of transform t is at j * step + t * stride,
 * for t < count. The transforms are the innermost loop, so each butterfly's twiddles are loaded
 * once for all of them, and with stride 1 the innermost loop runs along memory.
 */
interface Lanes {
  readonly step: number;
  readonly stride: number;
  readonly count: number;
}

/** Decimation in frequency: natural order in, bit-reversed out. */
function forwardLanes(plan: FftPlan, re: Float64Array, im: Float64Array, lanes: Lanes): void {
  const { size, twiddles } = plan;
  const { step, stride, count } = lanes;
  for (let stage = 0; stage < plan.quarters.length; stage++) {
    const q = plan.quarters[stage];
    const span = q * step;
    for (let m = 0; m < q; m++) {
      const t = plan.offsets[stage] + 6 * m;
      const c1 = twiddles[t];
      const s1 = twiddles[t + 1];
      const c2 = twiddles[t + 2];
      const s2 = twiddles[t + 3];
      const c3 = twiddles[t + 4];
      const s3 = twiddles[t + 5];
      for (let g = m; g < size; g += 4 * q) {
        const a0 = g * step;
        const end = a0 + count * stride;
        for (let i0 = a0; i0 < end; i0 += stride) {
          const i1 = i0 + span;
          const i2 = i1 + span;
          const i3 = i2 + span;
          const x0r = re[i0];
          const x0i = im[i0];
          const x1r = re[i1];
          const x1i = im[i1];
          const x2r = re[i2];
          const x2i = im[i2];
          const x3r = re[i3];
          const x3i = im[i3];
          const s0r = x0r + x2r;
          const s0i = x0i + x2i;
          const s1r = x1r + x3r;
          const s1i = x1i + x3i;
          const d0r = x0r - x2r;
          const d0i = x0i - x2i;
          const d1r = x1r - x3r;
          const d1i = x1i - x3i;
          re[i0] = s0r + s1r;
          im[i0] = s0i + s1i;
          // (s0 - s1) w^2m, (d0 - i d1) w^m and (d0 + i d1) w^3m: two radix-2 stages in one.
          const ur = s0r - s1r;
          const ui = s0i - s1i;
          re[i1] = ur * c2 - ui * s2;
          im[i1] = ur * s2 + ui * c2;
          const vr = d0r + d1i;
          const vi = d0i - d1r;
          re[i2] = vr * c1 - vi * s1;
          im[i2] = vr * s1 + vi * c1;
          const wr = d0r - d1i;
          const wi = d0i + d1r;
          re[i3] = wr * c3 - wi * s3;
          im[i3] = wr * s3 + wi * c3;
        }
      }
    }
  }
  if (plan.radix2) radix2Stage(size, re, im, lanes);
}

/** Decimation in time with conjugate twiddles: bit-reversed order in, natural out. */
function inverseLanes(plan: FftPlan, re: Float64Array, im: Float64Array, lanes: Lanes): void {
  const { size, twiddles } = plan;
  const { step, stride, count } = lanes;
  if (plan.radix2) radix2Stage(size, re, im, lanes);
  for (let stage = plan.quarters.length - 1; stage >= 0; stage--) {
    const q = plan.quarters[stage];
    const span = q * step;
    for (let m = 0; m < q; m++) {
      const t = plan.offsets[stage] + 6 * m;
      const c1 = twiddles[t];
      const s1 = -twiddles[t + 1];
      const c2 = twiddles[t + 2];
      const s2 = -twiddles[t + 3];
      const c3 = twiddles[t + 4];
      const s3 = -twiddles[t + 5];
      for (let g = m; g < size; g += 4 * q) {
        const a0 = g * step;
        const end = a0 + count * stride;
        for (let i0 = a0; i0 < end; i0 += stride) {
          const i1 = i0 + span;
          const i2 = i1 + span;
          const i3 = i2 + span;
          const t0r = re[i0];
          const t0i = im[i0];
          const x1r = re[i1];
          const x1i = im[i1];
          const t1r = x1r * c2 - x1i * s2;
          const t1i = x1r * s2 + x1i * c2;
          const x2r = re[i2];
          const x2i = im[i2];
          const t2r = x2r * c1 - x2i * s1;
          const t2i = x2r * s1 + x2i * c1;
          const x3r = re[i3];
          const x3i = im[i3];
          const t3r = x3r * c3 - x3i * s3;
          const t3i = x3r * s3 + x3i * c3;
          const ar = t0r + t1r;
          const ai = t0i + t1i;
          const br = t0r - t1r;
          const bi = t0i - t1i;
          const cr = t2r + t3r;
          const ci = t2i + t3i;
          const dr = t2r - t3r;
          const di = t2i - t3i;
          re[i0] = ar + cr;
          im[i0] = ai + ci;
          re[i2] = ar - cr;
          im[i2] = ai - ci;
          // b + i d and b - i d.
          re[i1] = br - di;
          im[i1] = bi + dr;
          re[i3] = br + di;
          im[i3] = bi - dr;
        }
      }
    }
  }
}

/** The span-1 radix-2 stage (twiddle 1): last of the forward transform, first of the inverse. */
function radix2Stage(size: number, re: Float64Array, im: Float64Array, lanes: Lanes): void {
  const { step, stride, count } = lanes;
  for (let g = 0; g < size; g += 2) {
    const a0 = g * step;
    const end = a0 + count * stride;
    for (let i0 = a0; i0 < end; i0 += stride) {
      const i1 = i0 + step;
      const xr = re[i0];
      const xi = im[i0];
      const yr = re[i1];
      const yi = im[i1];
      re[i0] = xr + yr;
      im[i0] = xi + yi;
      re[i1] = xr - yr;
      im[i1] = xi - yi;
    }
  }
}

/**
 * A 2-D transform of a row-major plane of colPlan.size rows and rowPlan.size columns: down the
 * columns (each butterfly combines whole rows, so the innermost loop runs along memory) and
 * along the rows (the innermost loop steps from row to row). The forward spectrum is
 * bit-reversed along both axes: frequency (fr, fc) at colPlan.reversed[fr] * cols +
 * rowPlan.reversed[fc]; the inverse takes it so. `rows`, if given, is how many leading rows of
 * the inverse's result the caller reads: the others are left unfinished.
 */
export function fft2d(rowPlan: FftPlan, colPlan: FftPlan, re: Float64Array, im: Float64Array, inverse: boolean, rows = colPlan.size): void {
  const cols = rowPlan.size;
  const down: Lanes = { step: cols, stride: 1, count: cols };
  if (inverse) {
    inverseLanes(colPlan, re, im, down);
    inverseLanes(rowPlan, re, im, { step: 1, stride: cols, count: Math.min(rows, colPlan.size) });
  } else {
    forwardLanes(rowPlan, re, im, { step: 1, stride: cols, count: colPlan.size });
    forwardLanes(colPlan, re, im, down);
  }
}
