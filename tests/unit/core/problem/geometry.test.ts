// reachOf: for each input index, the padded positions holding it and the outputs whose window
// reads one of them, against the definition read from the output side, for every padding mode.
import { describe, expect, it } from 'vitest';
import { reachOf, resolveGeometry, type Axis } from '../../../../src/core/problem/geometry';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import type { ConvOptions, PaddingMode } from '../../../../src/core/problem/types';

/** Output o reads padded positions o·stride + k·dilation; it reaches input a if one of them holds a. */
function reachByDefinition(axis: Axis): { positions: number[][]; outputs: number[][] } {
  const positions = Array.from({ length: axis.size }, (_, a) => [...axis.source.keys()].filter((p) => axis.source[p] === a));
  const outputs = Array.from({ length: axis.size }, (_, a) =>
    Array.from({ length: axis.out }, (_, o) => o).filter((o) => Array.from({ length: axis.kernel }, (_, k) => axis.source[o * axis.stride + k * axis.dilation]).includes(a)),
  );
  return { positions, outputs };
}

function rows(start: Int32Array, flat: Int32Array): number[][] {
  return Array.from({ length: start.length - 1 }, (_, a) => [...flat.subarray(start[a], start[a + 1])]);
}

const MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

describe('reachOf', () => {
  for (const paddingMode of MODES) {
    it(`matches the outputs' windows, ${paddingMode} padding`, () => {
      for (const [size, kernel, stride, dilation, padding] of [
        [9, 3, 1, 1, 'same'],
        [10, 4, 1, 1, 'same'],
        [12, 3, 2, 1, 'full'],
        [11, 3, 1, 2, 'full'],
        [13, 5, 3, 2, [2, 3]],
        [5, 5, 1, 1, 'full'],
        [8, 1, 1, 1, 'valid'],
        [16, 3, 2, 3, [4, 1]],
      ] as const) {
        const pad = typeof padding === 'string' ? padding : 'explicit';
        const conv: ConvOptions = { ...DEFAULT_CONV, padding: typeof padding === 'string' ? padding : [padding[0], padding[1], 0, 0], paddingMode, stride: [stride, 1], dilation: [dilation, 1] };
        let axis: Axis;
        try {
          axis = resolveGeometry(size, 4, kernel, 1, conv).rows;
        } catch {
          continue; // a padding this mode cannot make (reflect wider than the input): refused, nothing to reach
        }
        const reach = reachOf(axis);
        const expected = reachByDefinition(axis);
        expect(rows(reach.positionStart, reach.positions), `${size}/${kernel}/${stride}/${dilation}/${pad}`).toEqual(expected.positions);
        expect(rows(reach.outputStart, reach.outputs), `${size}/${kernel}/${stride}/${dilation}/${pad}`).toEqual(expected.outputs);
      }
    });
  }
});
