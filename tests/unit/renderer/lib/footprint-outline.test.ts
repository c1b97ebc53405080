import { describe, expect, it } from 'vitest';
import { footprintRects } from '../../../../src/renderer/lib/footprint-outline';

describe('footprintRects', () => {
  it('outlines border bands on every plane', () => {
    expect(footprintRects({ kind: 'border', failing: 20, sides: ['top', 'right'], width: 2 }, [2], 1, 8, 10)).toEqual([
      { top: 0, left: 0, bottom: 2, right: 10 },
      { top: 0, left: 8, bottom: 8, right: 10 },
    ]);
  });

  it('outlines isolated elements only on their plane', () => {
    const f = { kind: 'isolated', failing: 2, at: [[0, 1, 3, 4], [1, 0, 5, 6]] } as const;
    expect(footprintRects({ ...f, at: f.at.map((i) => [...i]) }, [2, 2], 1, 8, 8)).toEqual([{ top: 3, left: 4, bottom: 4, right: 5 }]);
    expect(footprintRects({ ...f, at: f.at.map((i) => [...i]) }, [2, 2], 2, 8, 8)).toEqual([{ top: 5, left: 6, bottom: 6, right: 7 }]);
  });

  it('outlines a one-channel footprint on that channel only, and nothing for everywhere', () => {
    const plane = { kind: 'plane', failing: 64, axis: 'c', index: 1 } as const;
    expect(footprintRects(plane, [2, 3], 4, 8, 8)).toEqual([{ top: 0, left: 0, bottom: 8, right: 8 }]);
    expect(footprintRects(plane, [2, 3], 3, 8, 8)).toEqual([]);
    expect(footprintRects({ kind: 'everywhere', failing: 64, fraction: 1, correlation: null, ratio: null }, [], 0, 8, 8)).toEqual([]);
  });
});
