// The direct correlation's blocked loops against outputAt (bit for bit) and against a plain sum.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlate, correlateChannel, correlateFramed, outputAt, type CorrelationShape, type Frame } from '../../../../src/core/conv/correlate';
import { createRandom } from '../../../../src/core/problem/random';
import type { FloatArray } from '../../../../src/core/problem/types';

interface Dims {
  n: number;
  c: number;
  cout: number;
  hp: number;
  wp: number;
  k: number;
  l: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
}

function shapeOf(d: Dims, f32: boolean): CorrelationShape | undefined {
  const rows = d.hp - (d.k - 1) * d.dh;
  const cols = d.wp - (d.l - 1) * d.dw;
  if (rows < 1 || cols < 1) return undefined;
  return { ...d, ho: Math.floor((rows - 1) / d.sh) + 1, wo: Math.floor((cols - 1) / d.sw) + 1, f32 };
}

function randomArray(length: number, seed: number, f32: boolean): FloatArray {
  const next = createRandom(seed);
  const values = Array.from({ length }, () => next());
  return f32 ? Float32Array.from(values) : Float64Array.from(values);
}

/** Every output of every channel through correlateChannel, starting from garbage so nothing relies on zeros. */
function blocked(s: CorrelationShape, input: FloatArray, taps: FloatArray, bias?: FloatArray): FloatArray {
  const out = new (input.constructor as new (n: number) => FloatArray)(s.n * s.cout * s.ho * s.wo).fill(7);
  for (let co = 0; co < s.cout; co++) correlateChannel(s, input, taps, bias, co, out);
  return out;
}

function expectBlockedMatchesOutputAt(s: CorrelationShape, seed: number, withBias: boolean): void {
  const input = randomArray(s.n * s.c * s.hp * s.wp, seed, s.f32);
  const taps = randomArray(s.cout * s.c * s.k * s.l, seed + 1, s.f32);
  const bias = withBias ? randomArray(s.cout, seed + 2, s.f32) : undefined;
  const out = blocked(s, input, taps, bias);
  let o = 0;
  for (let b = 0; b < s.n; b++) {
    for (let co = 0; co < s.cout; co++) {
      for (let i = 0; i < s.ho; i++) {
        for (let j = 0; j < s.wo; j++, o++) {
          const single = outputAt(s, input, taps, bias, b, co, i, j);
          if (!Object.is(out[o], single)) expect({ b, co, i, j, blocked: out[o] }).toEqual({ b, co, i, j, blocked: single });
        }
      }
    }
  }
}

/** The definition, summed plainly in float64 from its own index arithmetic. */
function plainSum(s: CorrelationShape, input: FloatArray, taps: FloatArray, b: number, co: number, i: number, j: number): number {
  let sum = 0;
  for (let ci = 0; ci < s.c; ci++) {
    for (let kk = 0; kk < s.k; kk++) {
      for (let ll = 0; ll < s.l; ll++) {
        const row = i * s.sh + kk * s.dh;
        const col = j * s.sw + ll * s.dw;
        sum += taps[co * s.c * s.k * s.l + ci * s.k * s.l + kk * s.l + ll] * input[((b * s.c + ci) * s.hp + row) * s.wp + col];
      }
    }
  }
  return sum;
}

const dims = fc.record({
  n: fc.integer({ min: 1, max: 2 }),
  c: fc.integer({ min: 1, max: 3 }),
  cout: fc.integer({ min: 1, max: 2 }),
  hp: fc.integer({ min: 1, max: 14 }),
  wp: fc.integer({ min: 1, max: 40 }),
  k: fc.integer({ min: 1, max: 5 }),
  l: fc.integer({ min: 1, max: 19 }),
  sh: fc.integer({ min: 1, max: 3 }),
  sw: fc.integer({ min: 1, max: 3 }),
  dh: fc.integer({ min: 1, max: 2 }),
  dw: fc.integer({ min: 1, max: 2 }),
});

describe('correlateChannel', () => {
  it.each([false, true])('agrees with outputAt bit for bit on random shapes (f32 %s)', (f32) => {
    fc.assert(
      fc.property(dims, fc.integer({ min: 1, max: 1000 }), fc.boolean(), (d, seed, withBias) => {
        const s = shapeOf(d, f32);
        if (s) expectBlockedMatchesOutputAt(s, seed, withBias);
      }),
      { numRuns: 150 },
    );
  });

  // Unit stride with rows of 8k+6 outputs (wide runs, a narrow run, gathered runs across rows,
  // outputAt for the last few), kernel rows longer than one chunk of 8 taps, several channels at a row
  // stride, and the tap gradient's shape: a few outputs per row from a kernel as large as the image.
  it.each([
    [{ n: 1, c: 1, cout: 1, hp: 9, wp: 42, k: 3, l: 5, sh: 1, sw: 1, dh: 1, dw: 1 }],
    [{ n: 2, c: 2, cout: 2, hp: 8, wp: 50, k: 2, l: 19, sh: 1, sw: 1, dh: 2, dw: 1 }],
    [{ n: 1, c: 2, cout: 1, hp: 30, wp: 4003, k: 20, l: 3, sh: 2, sw: 1, dh: 1, dw: 1 }],
    [{ n: 1, c: 1, cout: 1, hp: 26, wp: 5000, k: 21, l: 4995, sh: 1, sw: 1, dh: 1, dw: 1 }],
  ])('agrees with outputAt bit for bit on %j in both precisions', (d) => {
    for (const f32 of [false, true]) expectBlockedMatchesOutputAt(shapeOf(d, f32)!, 11, true);
  });

  it('computes the correlation it defines', () => {
    fc.assert(
      fc.property(dims, fc.integer({ min: 1, max: 1000 }), (d, seed) => {
        const s = shapeOf(d, false);
        if (!s) return;
        const input = randomArray(s.n * s.c * s.hp * s.wp, seed, false);
        const taps = randomArray(s.cout * s.c * s.k * s.l, seed + 1, false);
        const out = correlate(s, input, taps);
        let o = 0;
        for (let b = 0; b < s.n; b++) {
          for (let co = 0; co < s.cout; co++) {
            for (let i = 0; i < s.ho; i++) {
              for (let j = 0; j < s.wo; j++, o++) expect(out[o]).toBeCloseTo(plainSum(s, input, taps, b, co, i, j), 12);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

/** The padded input a frame describes: `inner` where the frame lies on the planes, zeros elsewhere. */
function framedInput(s: CorrelationShape, inner: FloatArray, frame: Frame): FloatArray {
  const padded = new (inner.constructor as new (n: number) => FloatArray)(s.n * s.c * s.hp * s.wp);
  for (let plane = 0; plane < s.n * s.c; plane++) {
    for (let r = 0; r < frame.h; r++) {
      for (let q = 0; q < frame.w; q++) {
        const p = r + frame.top;
        const col = q + frame.left;
        if (p >= 0 && p < s.hp && col >= 0 && col < s.wp) padded[(plane * s.hp + p) * s.wp + col] = inner[(plane * frame.h + r) * frame.w + q];
      }
    }
  }
  return padded;
}

describe('correlateFramed', () => {
  // Frames inside the planes, touching their edges, starting above or left of them and reaching
  // past them (dL/dY's frame in the VJP does all of these), with the loops' wide, narrow and
  // gathered runs inside and outputAt's order at the edges.
  it.each([false, true])('equals correlate of the framed input bit for bit (f32 %s)', (f32) => {
    fc.assert(
      fc.property(
        dims,
        fc.record({ top: fc.integer({ min: -3, max: 4 }), left: fc.integer({ min: -3, max: 6 }), h: fc.integer({ min: 1, max: 16 }), w: fc.integer({ min: 1, max: 44 }) }),
        fc.integer({ min: 1, max: 1000 }),
        (d, frame, seed) => {
          const s = shapeOf(d, f32);
          if (!s) return;
          const inner = randomArray(s.n * s.c * frame.h * frame.w, seed, f32);
          const taps = randomArray(s.cout * s.c * s.k * s.l, seed + 1, f32);
          const expected = correlate(s, framedInput(s, inner, frame), taps);
          const got = correlateFramed(s, inner, frame, taps);
          for (let o = 0; o < expected.length; o++) if (!Object.is(got[o], expected[o])) expect({ o, got: got[o] }).toEqual({ o, got: expected[o] });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('runs the wide and narrow loops on a frame well inside wide planes', () => {
    const s = shapeOf({ n: 1, c: 2, cout: 2, hp: 12, wp: 60, k: 3, l: 5, sh: 1, sw: 1, dh: 1, dw: 1 }, false)!;
    const frame = { top: 2, left: 2, h: 8, w: 56 };
    const inner = randomArray(2 * frame.h * frame.w, 5, false);
    const taps = randomArray(2 * 2 * 3 * 5, 6, false);
    expect(Array.from(correlateFramed(s, inner, frame, taps))).toEqual(Array.from(correlate(s, framedInput(s, inner, frame), taps)));
  });
});
