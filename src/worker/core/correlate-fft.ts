import type { CorrelationShape } from './correlate';
import { type FftPlan, fft2d, fftPlan, nextPowerOfTwo } from './fft';

/**
 * correlate() computed by FFT, float64 only. Each axis is cut overlap-save style into tiles of
 * the stride-1 output and blocks of the dilated taps (taps with zeros between them) so that one
 * tile plus one block fits a power-of-two transform: for tile start t and block start r, the
 * circular correlation of input[t + r ...] with the block gives that tile's contribution of that
 * block with no wrap-around. A small kernel is one block and the image many tiles (forward,
 * dL/dX); a large kernel (dL/dW, whose kernel is dL/dY) is many blocks and the output one tile.
 * Everything that adds up in the output (channels, blocks) is summed in the frequency domain,
 * and two real tiles share one complex transform (one in the real part, one in the imaginary
 * part: both products with a real kernel's spectrum invert to real planes, so they do not mix).
 * Strides are computed at stride 1 and subsampled.
 */
export interface AxisTiling {
  /** Transform size. */
  readonly size: number;
  /** Stride-1 outputs per tile and dilated taps per block: tile + block - 1 = size. */
  readonly tile: number;
  readonly block: number;
  readonly tiles: number;
  readonly blocks: number;
  /** Stride-1 output extent and dilated kernel extent. */
  readonly outputs: number;
  readonly extent: number;
}

/** The cheapest power-of-two cut of one axis, by transform count times size times log size. */
export function axisTiling(outputs: number, extent: number): AxisTiling {
  let best: AxisTiling | undefined;
  let bestCost = Infinity;
  for (let size = nextPowerOfTwo(Math.min(outputs, extent)); size <= nextPowerOfTwo(outputs + extent - 1); size *= 2) {
    const t =
      extent <= outputs
        ? { tile: size - extent + 1, block: extent }
        : { tile: outputs, block: size - outputs + 1 };
    if (t.tile < 1 || t.block < 1) continue;
    const tiles = Math.ceil(outputs / t.tile);
    const blocks = Math.ceil(extent / t.block);
    const cost = tiles * blocks * size * (Math.log2(size) + 1);
    if (cost < bestCost) {
      bestCost = cost;
      best = { size, ...t, tiles, blocks, outputs, extent };
    }
  }
  return best as AxisTiling;
}

interface FftTiling {
  readonly rows: AxisTiling;
  readonly cols: AxisTiling;
}

function fftTiling(s: CorrelationShape): FftTiling {
  return {
    rows: axisTiling((s.ho - 1) * s.sh + 1, (s.k - 1) * s.dh + 1),
    cols: axisTiling((s.wo - 1) * s.sw + 1, (s.l - 1) * s.dw + 1),
  };
}

interface FftWork {
  /** 2-D complex transforms (each of size points). */
  readonly transforms: number;
  /** Complex multiply-adds in the frequency domain. */
  readonly products: number;
  readonly points: number;
  /** Float64 values held for the taps' spectra. */
  readonly tapValues: number;
}

function fftWork(s: CorrelationShape, t: FftTiling): FftWork {
  const points = t.rows.size * t.cols.size;
  const jobs = s.n * t.rows.tiles * t.cols.tiles;
  const pairs = Math.ceil(jobs / 2);
  const blocks = t.rows.blocks * t.cols.blocks;
  const inputTransforms = Math.floor(jobs / 2) * blocks * s.c + (jobs % 2) * Math.ceil((blocks * s.c) / 2);
  return {
    transforms: inputTransforms + Math.ceil((blocks * s.cout * s.c) / 2) + pairs * s.cout,
    products: pairs * blocks * s.c * s.cout * points,
    points,
    tapValues: 2 * blocks * s.cout * s.c * points,
  };
}

/**
 * Costs in units of one direct multiply-add: a 2-D transform about 2.8 per point and
 * log2(points) plus one per point to load and store it, a complex multiply-add in the frequency
 * domain about 1.4. Fitted (CPU time, Node 20) so that the model's FFT/direct ratio matches the
 * measured one for 256² and 1024² images with 5×5 to 15×15 kernels within about 15 %; both put
 * the crossover between 7×7 and 8×8.
 */
const TRANSFORM_COST_PER_POINT_LOG = 2.8;
const TRANSFORM_COST_PER_POINT = 1;
const PRODUCT_COST = 1.4;
/**
 * Below these the direct loop is kept whatever the model says: there the model is rough (it
 * underestimates the FFT for 3×3, by up to several times) and little is gained, and small
 * problems (every torch fixture among them) keep the direct loop's summation order.
 */
const FFT_MIN_TAPS = 64;
const FFT_MIN_MADDS = 1 << 22;
/** Caps the taps' spectra at 64 MB of float64. */
const FFT_MAX_TAP_VALUES = 1 << 23;

function directMadds(s: CorrelationShape): number {
  return s.n * s.cout * s.ho * s.wo * s.c * s.k * s.l;
}

function fftCost(w: FftWork): number {
  return w.transforms * w.points * (TRANSFORM_COST_PER_POINT_LOG * Math.log2(w.points) + TRANSFORM_COST_PER_POINT) + w.products * PRODUCT_COST;
}

/** Whether correlate() takes the FFT: float64, a large kernel, a large problem and a cheaper estimate. */
export function fftPays(s: CorrelationShape): boolean {
  if (s.f32 || s.k * s.l < FFT_MIN_TAPS) return false;
  const direct = directMadds(s);
  if (direct < FFT_MIN_MADDS) return false;
  const w = fftWork(s, fftTiling(s));
  return w.tapValues <= FFT_MAX_TAP_VALUES && fftCost(w) < direct;
}

export function correlateFft(s: CorrelationShape, input: Float64Array, taps: Float64Array, bias?: Float64Array): Float64Array {
  const tiling = fftTiling(s);
  const { rows, cols } = tiling;
  const points = rows.size * cols.size;
  const rowPlan = fftPlan(cols.size);
  const colPlan = fftPlan(rows.size);
  const spectra = tapSpectra(s, tiling, taps);
  const blocks = rows.blocks * cols.blocks;
  const out = new Float64Array(s.n * s.cout * s.ho * s.wo);
  const jobs: Job[] = [];
  for (let b = 0; b < s.n; b++) {
    for (let tr = 0; tr < rows.tiles; tr++) for (let tc = 0; tc < cols.tiles; tc++) jobs.push({ b, row: tr * rows.tile, col: tc * cols.tile });
  }
  const accRe = new Float64Array(s.cout * points);
  const accIm = new Float64Array(s.cout * points);
  const zRe = new Float64Array(points);
  const zIm = new Float64Array(points);
  // An image tile without a partner (dL/dW's single tile) pairs its blocks and channels instead,
  // told apart by symmetry as the taps' are.
  const units = blocks * s.c;
  const separated: Spectra = { re: new Float64Array(2 * points), im: new Float64Array(2 * points) };
  for (let p = 0; p < jobs.length; p += 2) {
    const first = jobs[p];
    const second = jobs[p + 1] as Job | undefined;
    accRe.fill(0);
    accIm.fill(0);
    const load = (job: Job, unit: number, dest: Float64Array) => {
      const blk = Math.floor(unit / s.c);
      loadInput(s, tiling, input, job, unit % s.c, Math.floor(blk / cols.blocks) * rows.block, (blk % cols.blocks) * cols.block, dest);
    };
    const step = second ? 1 : 2;
    for (let unit = 0; unit < units; unit += step) {
      load(first, unit, zRe);
      if (second) load(second, unit, zIm);
      else if (unit + 1 < units) load(first, unit + 1, zIm);
      else zIm.fill(0);
      fft2d(rowPlan, colPlan, zRe, zIm, false);
      if (second) {
        accumulate(s, unit, zRe, zIm, 0, spectra, accRe, accIm, points);
      } else {
        separate(zRe, zIm, rowPlan, colPlan, separated, 0, unit + 1 < units);
        accumulate(s, unit, separated.re, separated.im, 0, spectra, accRe, accIm, points);
        if (unit + 1 < units) accumulate(s, unit + 1, separated.re, separated.im, points, spectra, accRe, accIm, points);
      }
    }
    for (let co = 0; co < s.cout; co++) {
      const re = accRe.subarray(co * points, (co + 1) * points);
      const im = accIm.subarray(co * points, (co + 1) * points);
      fft2d(rowPlan, colPlan, re, im, true, rows.tile);
      const start = bias ? bias[co] : 0;
      storeTile(s, tiling, first, co, re, start, out);
      if (second) storeTile(s, tiling, second, co, im, start, out);
    }
  }
  return out;
}

/**
 * acc[co] += X * conj(T[block, co, ci]) for input unit (block * c + ci) with spectrum X at
 * offset `from`: the spectrum of a cross-correlation with a real kernel.
 */
function accumulate(s: CorrelationShape, unit: number, xRe: Float64Array, xIm: Float64Array, from: number, spectra: Spectra, accRe: Float64Array, accIm: Float64Array, points: number): void {
  const blk = Math.floor(unit / s.c);
  const ci = unit % s.c;
  for (let co = 0; co < s.cout; co++) {
    const at = ((blk * s.cout + co) * s.c + ci) * points;
    const acc = co * points;
    for (let f = 0; f < points; f++) {
      const tr = spectra.re[at + f];
      const ti = spectra.im[at + f];
      const xr = xRe[from + f];
      const xi = xIm[from + f];
      accRe[acc + f] += xr * tr + xi * ti;
      accIm[acc + f] += xi * tr - xr * ti;
    }
  }
}

/** One output tile of one image: its origin in stride-1 output coordinates. */
interface Job {
  readonly b: number;
  readonly row: number;
  readonly col: number;
}

/** The input window of a tile and a block, zero beyond the padded input, into dest (size rows x cols). */
function loadInput(s: CorrelationShape, t: FftTiling, input: Float64Array, job: Job, ci: number, dRow: number, dCol: number, dest: Float64Array): void {
  dest.fill(0);
  const pw = t.cols.size;
  const top = job.row + dRow;
  const left = job.col + dCol;
  const height = Math.min(t.rows.size, s.hp - top);
  const width = Math.min(pw, s.wp - left);
  const base = (job.b * s.c + ci) * s.hp * s.wp;
  for (let r = 0; r < height; r++) {
    const from = base + (top + r) * s.wp + left;
    dest.set(input.subarray(from, from + width), r * pw);
  }
}

/** The real stride-1 tile, scaled by the unscaled inverse's size, subsampled by the stride into out. */
function storeTile(s: CorrelationShape, t: FftTiling, job: Job, co: number, plane: Float64Array, start: number, out: Float64Array): void {
  const scale = 1 / (t.rows.size * t.cols.size);
  const pw = t.cols.size;
  for (let u = 0; u < t.rows.tile; u++) {
    const p = job.row + u;
    if (p >= t.rows.outputs) break;
    if (p % s.sh !== 0) continue;
    const outRow = ((job.b * s.cout + co) * s.ho + p / s.sh) * s.wo;
    for (let v = 0; v < t.cols.tile; v++) {
      const q = job.col + v;
      if (q >= t.cols.outputs) break;
      if (q % s.sw === 0) out[outRow + q / s.sw] = start + plane[u * pw + v] * scale;
    }
  }
}

interface Spectra {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** The spectrum of every dilated tap block, indexed ((block*cout + co)*c + ci), two blocks per transform. */
function tapSpectra(s: CorrelationShape, t: FftTiling, taps: Float64Array): Spectra {
  const ph = t.rows.size;
  const pw = t.cols.size;
  const points = ph * pw;
  const count = t.rows.blocks * t.cols.blocks * s.cout * s.c;
  const re = new Float64Array(count * points);
  const im = new Float64Array(count * points);
  const zRe = new Float64Array(points);
  const zIm = new Float64Array(points);
  const rowPlan = fftPlan(pw);
  const colPlan = fftPlan(ph);
  for (let a = 0; a < count; a += 2) {
    loadTaps(s, t, taps, a, zRe);
    if (a + 1 < count) loadTaps(s, t, taps, a + 1, zIm);
    else zIm.fill(0);
    fft2d(rowPlan, colPlan, zRe, zIm, false);
    separate(zRe, zIm, rowPlan, colPlan, { re, im }, a * points, a + 1 < count);
  }
  return { re, im };
}

/**
 * The spectra A and B of two real planes a and b from the transform Z of a + i*b, by symmetry:
 * A[f] = (Z[f] + conj Z[-f]) / 2 and B[f] = (Z[f] - conj Z[-f]) / 2i, written at `at` and
 * at + points of out (B only if `both`), in fft2d's bit-reversed layout.
 */
function separate(zRe: Float64Array, zIm: Float64Array, rowPlan: FftPlan, colPlan: FftPlan, out: Spectra, at: number, both: boolean): void {
  const pw = rowPlan.size;
  const points = colPlan.size * pw;
  const mirrorCol = rowPlan.mirror;
  for (let r = 0; r < colPlan.size; r++) {
    const mirrorRow = colPlan.mirror[r] * pw;
    for (let q = 0; q < pw; q++) {
      const f = r * pw + q;
      const m = mirrorRow + mirrorCol[q];
      out.re[at + f] = (zRe[f] + zRe[m]) / 2;
      out.im[at + f] = (zIm[f] - zIm[m]) / 2;
      if (both) {
        out.re[at + points + f] = (zIm[f] + zIm[m]) / 2;
        out.im[at + points + f] = (zRe[m] - zRe[f]) / 2;
      }
    }
  }
}

/** Tap block number `index` ((block*cout + co)*c + ci) of the dilated taps, into dest at the origin. */
function loadTaps(s: CorrelationShape, t: FftTiling, taps: Float64Array, index: number, dest: Float64Array): void {
  dest.fill(0);
  const ci = index % s.c;
  const co = Math.floor(index / s.c) % s.cout;
  const blk = Math.floor(index / (s.c * s.cout));
  const top = Math.floor(blk / t.cols.blocks) * t.rows.block;
  const left = (blk % t.cols.blocks) * t.cols.block;
  const pw = t.cols.size;
  const base = (co * s.c + ci) * s.k * s.l;
  for (let r = 0; r < t.rows.block && top + r < t.rows.extent; r++) {
    if ((top + r) % s.dh !== 0) continue;
    const kk = (top + r) / s.dh;
    for (let q = 0; q < t.cols.block && left + q < t.cols.extent; q++) {
      if ((left + q) % s.dw === 0) dest[r * pw + q] = taps[base + kk * s.l + (left + q) / s.dw];
    }
  }
}
