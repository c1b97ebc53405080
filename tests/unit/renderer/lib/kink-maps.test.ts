// The main error maps with ReLU kinks: the mask reaches the error map only (cut per plane like
// its values), kink elements stay out of the colour scale, and the hover readout names them.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import type { GradientSummary, Problem, Tensor } from '../../../../src/core/problem/types';
import type { GradientComparison } from '../../../../src/worker/compute/protocol';
import { planeColorMap, planeKinks, spacesOf, type MapSpec } from '../../../../src/export/maps';
import { readoutOf } from '../../../../src/renderer/lib/readout';

// Two channels of 2×3: plane 1 holds the elements 6..11.
const x: Tensor = { shape: [2, 2, 3], data: Float64Array.from({ length: 12 }, (_, i) => i / 10) };
const problem: Problem = {
  x,
  w: { shape: [1, 2, 1, 1], data: Float64Array.of(1, -1) },
  conv: DEFAULT_CONV,
  loss: { kind: 'l2', activation: 'relu', target: { kind: 'zeros' } },
  dtype: 'f64',
};
const analysis = analyze(problem);

/** |error| 1e-9 everywhere but a huge 7 at element 8 (plane 1, row 0, column 2), which is at a kink. */
function comparison(kinkCount: number): GradientComparison {
  const error = Float64Array.from({ length: 12 }, (_, i) => (i === 8 ? 7 : 1e-9 * (i + 1)));
  const kinks = new Uint8Array(12);
  if (kinkCount > 0) kinks[8] = 1;
  const summary = { pass: true, kinked: kinkCount } as GradientSummary;
  return { numerical: analysis.dX, error: { shape: x.shape, data: error }, summary, kinks };
}

function mapsOf(kinkCount: number): MapSpec[] {
  const spaces = spacesOf(problem.x, problem.w, analysis, { dX: comparison(kinkCount) }, 'pending');
  return spaces.find((s) => s.space === 'x')!.maps;
}

describe('kinks on the main maps', () => {
  it('reach the error map only, and only when the summary counts some', () => {
    const maps = mapsOf(1);
    expect(maps.filter((m) => m.kinks).map((m) => m.id)).toEqual(['dx-error']);
    expect(mapsOf(0).some((m) => m.kinks)).toBe(false);
  });

  it('are cut per plane as the values are', () => {
    const error = mapsOf(1).find((m) => m.id === 'dx-error')!;
    expect(Array.from(planeKinks(error, 0)!)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(planeKinks(error, 1)!)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(planeKinks(mapsOf(1)[0], 1)).toBeUndefined();
  });

  it('leave the kink value out of the error colour scale', () => {
    const withKink = planeColorMap(mapsOf(1).find((m) => m.id === 'dx-error')!, 1, 1e-5);
    const without = planeColorMap(mapsOf(0).find((m) => m.id === 'dx-error')!, 1, 1e-5);
    expect(without.domain[1]).toBe(7);
    expect(withKink.domain[1]).toBeLessThan(1);
  });

  it('are named in the hover readout of a kink element, and not elsewhere', () => {
    const spec = spacesOf(problem.x, problem.w, analysis, { dX: comparison(1) }, 'pending').find((s) => s.space === 'x')!;
    const at = readoutOf(spec, 1, { row: 0, col: 2 });
    expect(at.values.filter((v) => v.kink).map((v) => v.label)).toEqual(['|error| of dL/dX']);
    expect(readoutOf(spec, 0, { row: 0, col: 2 }).values.some((v) => v.kink)).toBe(false);
    expect(readoutOf(spec, 1, { row: 0, col: 1 }).values.some((v) => v.kink)).toBe(false);
  });
});
