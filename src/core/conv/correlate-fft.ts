import type { CorrelationShape } from './correlation-shape';
import { allocate, type Memory } from '../problem/memory';
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

/** Every power-of-two cut of one axis, from the smaller extent's power of two to one transform for all. */
export function axisCuts(outputs: number, extent: number): AxisTiling[] {
  const cuts: AxisTiling[] = [];
  for (let size = nextPowerOfTwo(Math.min(outputs, extent)); size <= nextPowerOfTwo(outputs + extent - 1); size *= 2) {
    const t =
      extent <= outputs
        ? { tile: size - extent + 1, block: extent }
        : { tile: outputs, block: size - outputs + 1 };
    if (t.tile < 1 || t.block < 1) continue;
    cuts.push({ size, ...t, tiles: Math.ceil(outputs / t.tile), blocks: Math.ceil(extent / t.block), outputs, extent });
  }
  return cuts;
}

interface FftTiling {
  readonly rows: AxisTiling;
  readonly cols: AxisTiling;
}

/** The pair of axis cuts the cost model finds cheapest. */
function fftTiling(s: CorrelationShape): FftTiling {
  let best: FftTiling | undefined;
  let bestCost = Infinity;
  for (const rows of axisCuts((s.ho - 1) * s.sh + 1, (s.k - 1) * s.dh + 1)) {
    for (const cols of axisCuts((s.wo - 1) * s.sw + 1, (s.l - 1) * s.dw + 1)) {
      const cost = fftCost(fftWork(s, fftLayout(s, { rows, cols })));
      if (cost < bestCost) {
        bestCost = cost;
        best = { rows, cols };
      }
    }
  }
  return best as FftTiling;
}

/** One output tile of one image: its origin in stride-1 output coordinates. */
interface Job {
  readonly b: number;
  readonly row: number;
  readonly col: number;
}

/**
 * How the work is laid out. Blocks are the outer loop: per block, the spectra of its tap planes
 * are computed once and used by every tile, and dropped before the next block, so only one
 * block's taps are ever held. Tiles go in pairs, one in the real and one in the imaginary part
 * of a transform; an odd tile out (dL/dW's single tile) has its input planes transformed with
 * the tap planes, two real planes per transform, told apart by symmetry. A pair's sums over
 * blocks are kept until the last block (with one block, each pair finishes at once and one set
 * of sums is reused).
 */
interface FftLayout {
  /** Tiles of all images (jobs), in pairs and perhaps one left over. */
  readonly pairs: number;
  readonly lone: boolean;
  readonly blocks: number;
  /**
   * Whether the only tile, with one output channel, transforms each input plane with the tap
   * plane of its channel and takes their product straight from the mixed spectrum: each tap
   * spectrum is used once, so it is never written out.
   */
  readonly mixed: boolean;
  /** Real planes transformed per block with the taps: cout*c tap planes, then the lone tile's c inputs. */
  readonly planes: number;
  /** Sets of cout summed spectra kept across blocks. */
  readonly kept: number;
  readonly points: number;
}

function fftLayout(s: CorrelationShape, t: FftTiling): FftLayout {
  const jobs = s.n * t.rows.tiles * t.cols.tiles;
  const pairs = Math.floor(jobs / 2);
  const lone = jobs % 2 === 1;
  const blocks = t.rows.blocks * t.cols.blocks;
  const mixed = pairs === 0 && s.cout === 1;
  return {
    pairs,
    lone,
    blocks,
    mixed,
    planes: mixed ? 0 : s.cout * s.c + (lone ? s.c : 0),
    kept: blocks === 1 ? 1 : pairs + (lone ? 1 : 0),
    points: t.rows.size * t.cols.size,
  };
}

/** Every output tile of every image, row by row; consecutive ones are paired. */
function tileJobs(s: CorrelationShape, t: FftTiling): Job[] {
  const jobs: Job[] = [];
  for (let b = 0; b < s.n; b++) {
    for (let tr = 0; tr < t.rows.tiles; tr++) for (let tc = 0; tc < t.cols.tiles; tc++) jobs.push({ b, row: tr * t.rows.tile, col: tc * t.cols.tile });
  }
  return jobs;
}

interface FftWork {
  /** 2-D complex transforms (each of size points). */
  readonly transforms: number;
  /** Complex multiply-adds in the frequency domain. */
  readonly products: number;
  readonly points: number;
  /** Float64 values held: one block's spectra and the kept sums. */
  readonly values: number;
}

function fftWork(s: CorrelationShape, l: FftLayout): FftWork {
  const tiles = l.pairs + (l.lone ? 1 : 0);
  return {
    transforms: l.blocks * (Math.ceil(l.planes / 2) + (l.pairs + (l.mixed ? 1 : 0)) * s.c) + l.pairs * s.cout + (l.lone ? Math.ceil(s.cout / 2) : 0),
    products: l.blocks * tiles * s.c * s.cout * l.points,
    points: l.points,
    values: 2 * l.points * (l.planes + l.kept * s.cout),
  };
}

/**
 * Costs in units of one direct multiply-add: a 2-D transform about 3.5 per point and
 * log2(points), plus 10 per point for what goes with it (loading the tile, separating or
 * multiplying spectra, storing the result), a complex multiply-add in the frequency domain
 * about 1.4. Fitted (CPU time, Node 20, the radix-4 transform, the direct loop at 0.43-0.53 ns
 * per multiply-add) to 256² and 1024² images with 8×8 to 15×15 kernels, forward and dL/dW
 * shapes, transforms of 16² to 128²: the model picks the fastest measured size (64² up to 11×11)
 * and its FFT/direct ratio is within about 20 % of the measured one, which puts the crossover
 * between 8×8 (FFT measured 5-20 % slower) and 9×9 (13-30 % faster) for 1024².
 */
const TRANSFORM_COST_PER_POINT_LOG = 3.5;
const TRANSFORM_COST_PER_POINT = 10;
const PRODUCT_COST = 1.4;
/**
 * Below these the direct loop is kept whatever the model says: there the model is rough (it
 * underestimates the FFT for 3×3, by up to several times) and little is gained, and small
 * problems (every torch fixture among them) keep the direct loop's summation order.
 */
const FFT_MIN_TAPS = 64;
const FFT_MIN_MADDS = 1 << 22;
/** Caps the spectra held at 64 MB of float64. */
const FFT_MAX_VALUES = 1 << 23;

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
  const w = fftWork(s, fftLayout(s, fftTiling(s)));
  return w.values <= FFT_MAX_VALUES && fftCost(w) < direct;
}

interface Spectra {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** The result is allocated in `memory`: a 3000×2000 output is 48 MB that would otherwise be copied there. */
export function correlateFft(s: CorrelationShape, input: Float64Array, taps: Float64Array, bias?: Float64Array, memory: Memory = 'own'): Float64Array {
  const tiling = fftTiling(s);
  const { rows, cols } = tiling;
  const layout = fftLayout(s, tiling);
  const { pairs, blocks, planes, points } = layout;
  const jobs = tileJobs(s, tiling);
  const lone = layout.lone ? jobs[jobs.length - 1] : undefined;
  const rowPlan = fftPlan(cols.size);
  const colPlan = fftPlan(rows.size);
  const out = allocate(Float64Array, s.n * s.cout * s.ho * s.wo, memory);
  const spectra: Spectra = { re: new Float64Array(planes * points), im: new Float64Array(planes * points) };
  const sums: Spectra = { re: new Float64Array(layout.kept * s.cout * points), im: new Float64Array(layout.kept * s.cout * points) };
  const zRe = new Float64Array(points);
  const zIm = new Float64Array(points);
  const tapPlanes = s.cout * s.c;
  const forward = (): void => fft2d(rowPlan, colPlan, zRe, zIm, false);
  for (let blk = 0; blk < blocks; blk++) {
    const dRow = Math.floor(blk / cols.blocks) * rows.block;
    const dCol = (blk % cols.blocks) * cols.block;
    const last = blk === blocks - 1;
    const loadPlane = (p: number, dest: Float64Array): void => {
      if (p < tapPlanes) loadTaps(s, tiling, taps, blk * tapPlanes + p, dest);
      else loadInput(s, tiling, input, lone as Job, p - tapPlanes, dRow, dCol, dest);
    };
    for (let p = 0; p < planes; p += 2) {
      loadPlane(p, zRe);
      if (p + 1 < planes) loadPlane(p + 1, zIm);
      else zIm.fill(0);
      forward();
      separate(zRe, zIm, rowPlan, colPlan, spectra, p * points, p + 1 < planes);
    }
    for (let pair = 0; pair < pairs; pair++) {
      const at = (blocks === 1 ? 0 : pair) * s.cout * points;
      for (let ci = 0; ci < s.c; ci++) {
        loadInput(s, tiling, input, jobs[2 * pair], ci, dRow, dCol, zRe);
        loadInput(s, tiling, input, jobs[2 * pair + 1], ci, dRow, dCol, zIm);
        forward();
        accumulate(s, ci, zRe, zIm, 0, spectra, sums, at, points, blk > 0 || ci > 0);
      }
      if (last) {
        for (let co = 0; co < s.cout; co++) {
          const re = sums.re.subarray(at + co * points, at + (co + 1) * points);
          const im = sums.im.subarray(at + co * points, at + (co + 1) * points);
          fft2d(rowPlan, colPlan, re, im, true, rows.tile);
          storeTile(s, tiling, jobs[2 * pair], co, re, bias, out);
          storeTile(s, tiling, jobs[2 * pair + 1], co, im, bias, out);
        }
      }
    }
    if (lone) {
      const at = (blocks === 1 ? 0 : pairs) * s.cout * points;
      if (blk === 0) clear(sums, at, s.cout * points);
      for (let ci = 0; ci < s.c; ci++) {
        if (layout.mixed) {
          loadTaps(s, tiling, taps, blk * tapPlanes + ci, zRe);
          loadInput(s, tiling, input, lone, ci, dRow, dCol, zIm);
          forward();
          accumulateMixed(zRe, zIm, rowPlan, colPlan, sums, at);
        } else {
          accumulate(s, ci, spectra.re, spectra.im, (tapPlanes + ci) * points, spectra, sums, at, points, true);
        }
      }
      if (last) finishLone(s, tiling, lone, sums, at, rowPlan, colPlan, zRe, zIm, bias, out);
    }
  }
  return out;
}

function clear(sums: Spectra, at: number, length: number): void {
  sums.re.fill(0, at, at + length);
  sums.im.fill(0, at, at + length);
}

/**
 * The lone tile's output channels, two per inverse transform: its sums are spectra of real
 * planes, so S[co] + i S[co+1] inverts to out[co] + i out[co+1].
 */
function finishLone(s: CorrelationShape, t: FftTiling, job: Job, sums: Spectra, at: number, rowPlan: FftPlan, colPlan: FftPlan, zRe: Float64Array, zIm: Float64Array, bias: Float64Array | undefined, out: Float64Array): void {
  const points = zRe.length;
  for (let co = 0; co < s.cout; co += 2) {
    const a = at + co * points;
    const b = a + points;
    const both = co + 1 < s.cout;
    for (let f = 0; f < points; f++) {
      zRe[f] = sums.re[a + f] - (both ? sums.im[b + f] : 0);
      zIm[f] = sums.im[a + f] + (both ? sums.re[b + f] : 0);
    }
    fft2d(rowPlan, colPlan, zRe, zIm, true, t.rows.tile);
    storeTile(s, t, job, co, zRe, bias, out);
    if (both) storeTile(s, t, job, co + 1, zIm, bias, out);
  }
}

/**
 * sums[co] += X * conj(T[co, ci]) for input channel ci with spectrum X at offset `from`: the
 * spectrum of a cross-correlation with a real kernel. T is the block's tap spectra. Without
 * `add` the product is written over sums: a pair's first contribution needs no cleared sums.
 */
function accumulate(s: CorrelationShape, ci: number, xRe: Float64Array, xIm: Float64Array, from: number, taps: Spectra, sums: Spectra, at: number, points: number, add: boolean): void {
  const { re: tRe, im: tIm } = taps;
  const { re: sRe, im: sIm } = sums;
  for (let co = 0; co < s.cout; co++) {
    const tap = (co * s.c + ci) * points;
    const acc = at + co * points;
    for (let f = 0; f < points; f++) {
      const tr = tRe[tap + f];
      const ti = tIm[tap + f];
      const xr = xRe[from + f];
      const xi = xIm[from + f];
      const pr = xr * tr + xi * ti;
      const pi = xi * tr - xr * ti;
      sRe[acc + f] = add ? sRe[acc + f] + pr : pr;
      sIm[acc + f] = add ? sIm[acc + f] + pi : pi;
    }
  }
}

/**
 * sums += X * conj(T) from the transform Z of T + i*X (a tap plane and an input plane): by
 * separate()'s symmetry that is P[f] = Im(Z[f] Z[-f]) / 2 + i (|Z[-f]|^2 - |Z[f]|^2) / 4, and
 * P[-f] = conj P[f], so a row and its mirror row are done together from one set of loads.
 * Positions 0 and 1 hold frequencies 0 and size/2, rows that are their own mirror.
 */
function accumulateMixed(zRe: Float64Array, zIm: Float64Array, rowPlan: FftPlan, colPlan: FftPlan, sums: Spectra, at: number): void {
  const pw = rowPlan.size;
  const mirrorCol = rowPlan.mirror;
  const { re, im } = sums;
  for (let r = 0; r < colPlan.size; r++) {
    const mr = colPlan.mirror[r];
    if (mr < r) continue;
    const row = r * pw;
    const mirrorRow = mr * pw;
    for (let q = 0; q < pw; q++) {
      const f = row + q;
      const m = mirrorRow + mirrorCol[q];
      const ar = zRe[f];
      const ai = zIm[f];
      const br = zRe[m];
      const bi = zIm[m];
      const pr = 0.5 * (ar * bi + ai * br);
      const pi = 0.25 * (br * br + bi * bi - ar * ar - ai * ai);
      re[at + f] += pr;
      im[at + f] += pi;
      if (mr !== r) {
        re[at + m] += pr;
        im[at + m] -= pi;
      }
    }
  }
}

/** The input window of a tile and a block, zero beyond the padded input, into dest (size rows x cols). */
function loadInput(s: CorrelationShape, t: FftTiling, input: Float64Array, job: Job, ci: number, dRow: number, dCol: number, dest: Float64Array): void {
  const pw = t.cols.size;
  const top = job.row + dRow;
  const left = job.col + dCol;
  const height = Math.max(0, Math.min(t.rows.size, s.hp - top));
  const width = Math.max(0, Math.min(pw, s.wp - left));
  const base = (job.b * s.c + ci) * s.hp * s.wp;
  for (let r = 0; r < height; r++) {
    const from = base + (top + r) * s.wp + left;
    dest.set(input.subarray(from, from + width), r * pw);
    if (width < pw) dest.fill(0, r * pw + width, (r + 1) * pw);
  }
  dest.fill(0, height * pw);
}

/**
 * The real stride-1 tile, scaled by the unscaled inverse's size, subsampled by the stride into
 * out with the bias added.
 */
function storeTile(s: CorrelationShape, t: FftTiling, job: Job, co: number, plane: Float64Array, bias: Float64Array | undefined, out: Float64Array): void {
  const scale = 1 / (t.rows.size * t.cols.size);
  const start = bias ? bias[co] : 0;
  const pw = t.cols.size;
  const rowEnd = Math.min(job.row + t.rows.tile, t.rows.outputs);
  const colEnd = Math.min(job.col + t.cols.tile, t.cols.outputs);
  const firstCol = Math.ceil(job.col / s.sw) * s.sw;
  for (let p = Math.ceil(job.row / s.sh) * s.sh; p < rowEnd; p += s.sh) {
    let o = ((job.b * s.cout + co) * s.ho + p / s.sh) * s.wo + firstCol / s.sw;
    const planeRow = (p - job.row) * pw - job.col;
    for (let q = firstCol; q < colEnd; q += s.sw) out[o++] = start + plane[planeRow + q] * scale;
  }
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
  const { re, im } = out;
  const second = both ? at + points : -1;
  for (let r = 0; r < colPlan.size; r++) {
    const mirrorRow = colPlan.mirror[r] * pw;
    const row = r * pw;
    for (let q = 0; q < pw; q++) {
      const f = row + q;
      const m = mirrorRow + mirrorCol[q];
      const ar = zRe[f];
      const ai = zIm[f];
      const br = zRe[m];
      const bi = zIm[m];
      re[at + f] = 0.5 * (ar + br);
      im[at + f] = 0.5 * (ai - bi);
      if (second >= 0) {
        re[second + f] = 0.5 * (ai + bi);
        im[second + f] = 0.5 * (br - ar);
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
  // The taps whose dilated position falls in the block: rows top..top+block-1, likewise columns.
  const rowEnd = Math.min(top + t.rows.block, t.rows.extent);
  const colEnd = Math.min(left + t.cols.block, t.cols.extent);
  const firstCol = Math.ceil(left / s.dw) * s.dw;
  for (let r = Math.ceil(top / s.dh) * s.dh; r < rowEnd; r += s.dh) {
    let tap = base + (r / s.dh) * s.l + firstCol / s.dw;
    const destRow = (r - top) * pw - left;
    if (s.dw === 1) dest.set(taps.subarray(tap, tap + colEnd - firstCol), destRow + firstCol);
    else for (let q = firstCol; q < colEnd; q += s.dw) dest[destRow + q] = taps[tap++];
  }
}
