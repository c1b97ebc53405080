// The radix-4 FFT against the definition of the DFT, in its bit-reversed layout.
import { describe, expect, it } from 'vitest';
import { fft, fft2d, fftPlan } from '../../../../src/core/conv/fft';
import { createRandom } from '../../../../src/core/problem/random';

function randomArray(length: number, seed: number): Float64Array {
  const next = createRandom(seed);
  return Float64Array.from({ length }, () => 2 * next() - 1);
}

/** The DFT of a rows x cols row-major plane by its definition, in natural order. */
function naiveDft2d(re: Float64Array, im: Float64Array, rows: number, cols: number): { re: Float64Array; im: Float64Array } {
  const outRe = new Float64Array(rows * cols);
  const outIm = new Float64Array(rows * cols);
  for (let fr = 0; fr < rows; fr++) {
    for (let fc = 0; fc < cols; fc++) {
      let sr = 0;
      let si = 0;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const a = -2 * Math.PI * ((fr * r) / rows + (fc * c) / cols);
          const x = r * cols + c;
          sr += re[x] * Math.cos(a) - im[x] * Math.sin(a);
          si += re[x] * Math.sin(a) + im[x] * Math.cos(a);
        }
      }
      outRe[fr * cols + fc] = sr;
      outIm[fr * cols + fc] = si;
    }
  }
  return { re: outRe, im: outIm };
}

describe('fft', () => {
  // Even and odd powers of two: the odd ones end in a radix-2 stage.
  for (const size of [1, 2, 4, 8, 16, 32, 64, 128]) {
    it(`puts frequency k of the DFT at reversed[k] and inverts to size times the input (size ${size})`, () => {
      const plan = fftPlan(size);
      const re = randomArray(size, size);
      const im = randomArray(size, size + 1);
      const want = naiveDft2d(re, im, 1, size);
      const r = re.slice();
      const i = im.slice();
      fft(plan, r, i, false);
      for (let k = 0; k < size; k++) {
        expect(Math.abs(r[plan.reversed[k]] - want.re[k])).toBeLessThan(1e-12 * size);
        expect(Math.abs(i[plan.reversed[k]] - want.im[k])).toBeLessThan(1e-12 * size);
      }
      fft(plan, r, i, true);
      for (let t = 0; t < size; t++) expect(Math.abs(r[t] / size - re[t]) + Math.abs(i[t] / size - im[t])).toBeLessThan(1e-14 * size);
    });
  }

  it('gives the position of the negated frequency in mirror', () => {
    const plan = fftPlan(32);
    for (let k = 0; k < 32; k++) expect(plan.mirror[plan.reversed[k]]).toBe(plan.reversed[(32 - k) % 32]);
  });

  it('refuses a size that is not a power of two', () => {
    expect(() => fftPlan(12)).toThrow(/power of two/);
  });
});

describe('fft2d', () => {
  for (const [rows, cols] of [
    [8, 16],
    [32, 4],
    [2, 1],
  ]) {
    it(`matches the 2-D DFT in the bit-reversed layout and inverts (${rows}x${cols})`, () => {
      const rowPlan = fftPlan(cols);
      const colPlan = fftPlan(rows);
      const re = randomArray(rows * cols, rows);
      const im = randomArray(rows * cols, cols + 100);
      const want = naiveDft2d(re, im, rows, cols);
      const r = re.slice();
      const i = im.slice();
      fft2d(rowPlan, colPlan, r, i, false);
      for (let fr = 0; fr < rows; fr++) {
        for (let fc = 0; fc < cols; fc++) {
          const at = colPlan.reversed[fr] * cols + rowPlan.reversed[fc];
          expect(Math.abs(r[at] - want.re[fr * cols + fc])).toBeLessThan(1e-11);
          expect(Math.abs(i[at] - want.im[fr * cols + fc])).toBeLessThan(1e-11);
        }
      }
      fft2d(rowPlan, colPlan, r, i, true);
      const n = rows * cols;
      for (let t = 0; t < n; t++) expect(Math.abs(r[t] / n - re[t]) + Math.abs(i[t] / n - im[t])).toBeLessThan(1e-13);
    });
  }

  it('finishes only the leading rows of the inverse it is asked for', () => {
    const rowPlan = fftPlan(16);
    const colPlan = fftPlan(16);
    const re = randomArray(256, 5);
    const im = randomArray(256, 6);
    const r = re.slice();
    const i = im.slice();
    fft2d(rowPlan, colPlan, r, i, false);
    fft2d(rowPlan, colPlan, r, i, true, 5);
    for (let t = 0; t < 5 * 16; t++) expect(Math.abs(r[t] / 256 - re[t]) + Math.abs(i[t] / 256 - im[t])).toBeLessThan(1e-13);
    const rest = Array.from(r.subarray(5 * 16), (v, t) => Math.abs(v / 256 - re[5 * 16 + t]));
    expect(Math.max(...rest)).toBeGreaterThan(1e-3);
  });
});
