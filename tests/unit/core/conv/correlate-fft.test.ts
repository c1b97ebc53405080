// The FFT correlation against the direct one, and the automatic choice between them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlateChannel, type CorrelationShape } from '../../../../src/core/conv/correlate';
import { axisCuts, correlateFft, fftPays } from '../../../../src/core/conv/correlate-fft';
import { isShared } from '../../../../src/core/problem/memory';
import { createRandom } from '../../../../src/core/problem/random';

function shapeOf(p: { n: number; c: number; cout: number; hp: number; wp: number; k: number; l: number; sh: number; sw: number; dh: number; dw: number }): CorrelationShape | undefined {
  const rows = p.hp - (p.k - 1) * p.dh;
  const cols = p.wp - (p.l - 1) * p.dw;
  if (rows < 1 || cols < 1) return undefined;
  return { ...p, ho: Math.floor((rows - 1) / p.sh) + 1, wo: Math.floor((cols - 1) / p.sw) + 1, f32: false };
}

function randomArray(length: number, seed: number): Float64Array {
  const next = createRandom(seed);
  return Float64Array.from({ length }, () => 2 * next() - 1);
}

/** The straightforward path: every output channel through the direct loop. */
function direct(s: CorrelationShape, input: Float64Array, taps: Float64Array, bias?: Float64Array): Float64Array {
  const out = new Float64Array(s.n * s.cout * s.ho * s.wo);
  for (let co = 0; co < s.cout; co++) correlateChannel(s, input, taps, bias, co, out);
  return out;
}

/** sum |taps * input| over each output's products, the scale f64 round-off is relative to. */
function absScale(s: CorrelationShape, input: Float64Array, taps: Float64Array): Float64Array {
  const abs = (a: Float64Array) => a.map(Math.abs);
  return direct(s, abs(input), abs(taps));
}

function expectAgreement(s: CorrelationShape, seed: number, withBias: boolean): void {
  const input = randomArray(s.n * s.c * s.hp * s.wp, seed);
  const taps = randomArray(s.cout * s.c * s.k * s.l, seed + 1);
  const bias = withBias ? randomArray(s.cout, seed + 2) : undefined;
  const want = direct(s, input, taps, bias);
  const got = correlateFft(s, input, taps, bias);
  const scale = absScale(s, input, taps);
  expect(got.length).toBe(want.length);
  const biasScale = bias ? Math.max(...bias.map(Math.abs)) : 0;
  for (let i = 0; i < want.length; i++) {
    const bound = 1e-11 * (scale[i] + biasScale) + 1e-300;
    if (!(Math.abs(got[i] - want[i]) <= bound)) {
      expect.fail(`output ${i} of ${JSON.stringify(s)}: fft ${got[i]} direct ${want[i]} (bound ${bound})`);
    }
  }
}

describe('axisCuts', () => {
  it('cover the outputs and the kernel with tile + block - 1 = size, down to one transform for all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), (outputs, extent) => {
        const cuts = axisCuts(outputs, extent);
        expect(cuts.length).toBeGreaterThan(0);
        for (const t of cuts) {
          expect(t.tile + t.block - 1).toBeLessThanOrEqual(t.size);
          expect(t.tiles * t.tile).toBeGreaterThanOrEqual(outputs);
          expect(t.blocks * t.block).toBeGreaterThanOrEqual(extent);
        }
        const last = cuts[cuts.length - 1];
        expect(last.tiles * last.blocks).toBe(1);
      }),
    );
  });
});

describe('correlateFft', () => {
  it('agrees with the direct correlation on random shapes, strides, dilations and channels', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 3 }),
          c: fc.integer({ min: 1, max: 3 }),
          cout: fc.integer({ min: 1, max: 3 }),
          hp: fc.integer({ min: 1, max: 40 }),
          wp: fc.integer({ min: 1, max: 40 }),
          k: fc.integer({ min: 1, max: 12 }),
          l: fc.integer({ min: 1, max: 12 }),
          sh: fc.integer({ min: 1, max: 3 }),
          sw: fc.integer({ min: 1, max: 3 }),
          dh: fc.integer({ min: 1, max: 3 }),
          dw: fc.integer({ min: 1, max: 3 }),
        }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.boolean(),
        (p, seed, withBias) => {
          const s = shapeOf(p);
          fc.pre(s !== undefined);
          expectAgreement(s as CorrelationShape, seed, withBias);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agrees when the kernel is much larger than the output (the dL/dW shape)', () => {
    expectAgreement({ n: 2, c: 2, cout: 2, k: 90, l: 70, hp: 100, wp: 80, ho: 11, wo: 11, sh: 1, sw: 1, dh: 1, dw: 1, f32: false }, 7, false);
    // One image: its single tile has no partner, so its input planes share transforms with the taps.
    expectAgreement({ n: 1, c: 3, cout: 2, k: 90, l: 70, hp: 100, wp: 80, ho: 11, wo: 11, sh: 1, sw: 1, dh: 1, dw: 1, f32: false }, 8, false);
    // ... and with one output channel, each input plane with its channel's tap plane (the mixed product).
    expectAgreement({ n: 1, c: 2, cout: 1, k: 90, l: 70, hp: 100, wp: 80, ho: 11, wo: 11, sh: 1, sw: 1, dh: 1, dw: 1, f32: false }, 9, false);
    // Three images: one pair of tiles and a lone one, summed over many blocks.
    expectAgreement({ n: 3, c: 1, cout: 3, k: 90, l: 70, hp: 100, wp: 80, ho: 11, wo: 11, sh: 1, sw: 1, dh: 1, dw: 1, f32: false }, 10, true);
  });

  it('agrees on a large image with an 11x11 kernel, many tiles', () => {
    const s = shapeOf({ n: 1, c: 1, cout: 1, hp: 300, wp: 260, k: 11, l: 11, sh: 1, sw: 1, dh: 1, dw: 1 }) as CorrelationShape;
    expectAgreement(s, 11, true);
  });

  it('allocates its result in shared memory when asked, the same values', () => {
    const s = shapeOf({ n: 1, c: 1, cout: 1, hp: 60, wp: 50, k: 11, l: 11, sh: 1, sw: 1, dh: 1, dw: 1 }) as CorrelationShape;
    const input = randomArray(s.hp * s.wp, 12);
    const taps = randomArray(s.k * s.l, 13);
    const own = correlateFft(s, input, taps);
    const shared = correlateFft(s, input, taps, undefined, 'shared');
    expect(isShared(own)).toBe(false);
    expect(isShared(shared)).toBe(true);
    expect(shared).toEqual(own);
  });
});

describe('the automatic choice', () => {
  const square = (size: number, kernel: number, f32 = false): CorrelationShape => ({
    ...(shapeOf({ n: 1, c: 1, cout: 1, hp: size, wp: size, k: kernel, l: kernel, sh: 1, sw: 1, dh: 1, dw: 1 }) as CorrelationShape),
    f32,
  });

  it('takes the FFT for 1024² with 11x11 in float64, and for its dL/dW correlation', () => {
    expect(fftPays(square(1034, 11))).toBe(true);
    expect(fftPays({ n: 1, c: 1, cout: 1, k: 1024, l: 1024, hp: 1034, wp: 1034, ho: 11, wo: 11, sh: 1, sw: 1, dh: 1, dw: 1, f32: false })).toBe(true);
  });

  it('takes the FFT for larger kernels too, whose direct cost grows with the taps', () => {
    expect(fftPays(square(1038, 15))).toBe(true);
    expect(fftPays(square(1032, 9))).toBe(true);
  });

  it('stays direct for 3x3 to 8x8, for float32 and for small problems', () => {
    expect(fftPays(square(1026, 3))).toBe(false);
    // 1024² with 5x5 (the forward+VJP bench case) and 8x8: measured slower by FFT, 2x and 1.1x.
    expect(fftPays(square(1028, 5))).toBe(false);
    expect(fftPays(square(1031, 8))).toBe(false);
    expect(fftPays(square(1034, 11, true))).toBe(false);
    expect(fftPays(square(40, 11))).toBe(false);
    // The dL/dW correlation of a 1024² image and a 3x3 kernel: a huge kernel, but a 3x3 output.
    expect(fftPays({ n: 1, c: 1, cout: 1, k: 1026, l: 1026, hp: 1028, wp: 1028, ho: 3, wo: 3, sh: 1, sw: 1, dh: 1, dw: 1, f32: false })).toBe(false);
  });
});
