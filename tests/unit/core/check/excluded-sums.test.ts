// The sums of all terms but one that the numerical job builds its step points on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CorrelationShape } from '../../../../src/core/conv/correlate';
import { ExcludedRows, excludedSums, windowOffsets, windowOrigin } from '../../../../src/core/check/excluded-sums';
import { createRandom } from '../../../../src/core/problem/random';

const shapeArb = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }),
    c: fc.integer({ min: 1, max: 3 }),
    cout: fc.integer({ min: 1, max: 2 }),
    k: fc.integer({ min: 1, max: 4 }),
    l: fc.integer({ min: 1, max: 4 }),
    ho: fc.integer({ min: 1, max: 6 }),
    wo: fc.integer({ min: 1, max: 6 }),
    sh: fc.integer({ min: 1, max: 2 }),
    sw: fc.integer({ min: 1, max: 2 }),
    dh: fc.integer({ min: 1, max: 2 }),
    dw: fc.integer({ min: 1, max: 2 }),
    f32: fc.boolean(),
  })
  .map((p): CorrelationShape => ({ ...p, hp: (p.ho - 1) * p.sh + (p.k - 1) * p.dh + 1, wp: (p.wo - 1) * p.sw + (p.l - 1) * p.dw + 1 }));

function arrays(s: CorrelationShape, seed: number) {
  const next = createRandom(seed);
  const random = (length: number) => {
    const values = s.f32 ? new Float32Array(length) : new Float64Array(length);
    for (let i = 0; i < length; i++) values[i] = next();
    return values;
  };
  return { input: random(s.n * s.c * s.hp * s.wp), taps: random(s.cout * s.c * s.k * s.l), bias: random(s.cout) };
}

/** Output (b, co, i, j) without term `skip`, straight from the definition, in float64. */
function withoutTerm(s: CorrelationShape, a: ReturnType<typeof arrays>, b: number, co: number, i: number, j: number, skip: number): number {
  let sum = a.bias[co];
  for (let ci = 0; ci < s.c; ci++) {
    for (let kk = 0; kk < s.k; kk++) {
      for (let ll = 0; ll < s.l; ll++) {
        const t = (ci * s.k + kk) * s.l + ll;
        if (t === skip) continue;
        sum += a.taps[co * s.c * s.k * s.l + t] * a.input[((b * s.c + ci) * s.hp + i * s.sh + kk * s.dh) * s.wp + j * s.sw + ll * s.dw];
      }
    }
  }
  return sum;
}

describe('excluded sums', () => {
  it('give every output without each of its terms, to the working precision', () => {
    fc.assert(
      fc.property(shapeArb, fc.nat(), (s, seed) => {
        const a = arrays(s, seed);
        const terms = s.c * s.k * s.l;
        const offsets = windowOffsets(s);
        const dest = new Float64Array(terms);
        // Each sum has at most terms + 1 roundings of values below terms + 1 in magnitude.
        const tolerance = (s.f32 ? 6e-8 : 1.2e-16) * (terms + 2) ** 2;
        for (let b = 0; b < s.n; b++) {
          for (let co = 0; co < s.cout; co++) {
            for (let i = 0; i < s.ho; i++) {
              for (let j = 0; j < s.wo; j++) {
                excludedSums(a.input, a.taps, co * terms, offsets, windowOrigin(s, b, i, j), a.bias[co], s.f32, new Float64Array(terms + 1), dest, 0);
                for (let t = 0; t < terms; t++) expect(Math.abs(dest[t] - withoutTerm(s, a, b, co, i, j, t))).toBeLessThanOrEqual(tolerance);
              }
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('kept rows are the rows asked for, whatever order evicts them in', () => {
    fc.assert(
      fc.property(shapeArb, fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 30 }), (s, seed, asks) => {
        const a = arrays(s, seed);
        const terms = s.c * s.k * s.l;
        const kept = new ExcludedRows(s, a.input, a.taps, a.bias, 2);
        const offsets = windowOffsets(s);
        const fresh = new Float64Array(terms);
        for (const [bb, cc, ii] of asks) {
          const [b, co, i] = [bb % s.n, cc % s.cout, ii % s.ho];
          const at = kept.row(b, co, i);
          for (let j = 0; j < s.wo; j++) {
            excludedSums(a.input, a.taps, co * terms, offsets, windowOrigin(s, b, i, j), a.bias[co], s.f32, new Float64Array(terms + 1), fresh, 0);
            const held = Array.from(kept.values.subarray(at + j * terms, at + (j + 1) * terms));
            expect(held).toEqual(Array.from(s.f32 ? Float32Array.from(fresh) : fresh));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
