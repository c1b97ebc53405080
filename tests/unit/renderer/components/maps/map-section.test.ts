// @vitest-environment jsdom
// The maps of a space paint a plane only when it, its colour map or its kinks changed: results
// arriving rebuild the space's entries (new objects around the same tensors), which must not
// repaint the maps whose data did not change (1024² planes cost tens of ms each).
import { cleanup, render } from '@testing-library/svelte';
import { zoomIdentity } from 'd3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SpaceSpec } from '../../../../../src/export/maps';
import type { Tensor } from '../../../../../src/core/problem/types';

const painted = vi.hoisted(() => [] as string[]);
vi.mock('../../../../../src/renderer/lib/plane-image', () => ({
  paintPlane: (plane: { data: { length: number } }, _colorMap: unknown, use: (image: unknown) => void) => {
    painted.push(String(plane.data.length));
    use({});
    return () => {};
  },
  planeImage: () => ({}),
}));
// jsdom has no canvas: the maps draw nothing, which is not what this is about.
Object.assign((globalThis as unknown as { HTMLCanvasElement: { prototype: object } }).HTMLCanvasElement.prototype, { getContext: () => null });
const { default: MapSection } = await import('../../../../../src/renderer/components/maps/MapSection.svelte');

afterEach(() => {
  cleanup();
  painted.length = 0;
});

const tensorOf = (size: number): Tensor => ({ shape: [size, size], data: Float64Array.from({ length: size * size }, (_, i) => Math.sin(i)) });

describe('MapSection', () => {
  it('paints again only the maps whose plane changed when its entries are rebuilt', async () => {
    const x = tensorOf(4);
    const analytic = tensorOf(5);
    const numerical = tensorOf(6);
    const spec = (result: boolean): SpaceSpec => ({
      space: 'x',
      title: 'Input space',
      planeAxes: '',
      maps: [
        { id: 'x', title: 'X', about: '', role: 'image', tensor: x },
        { id: 'dx-analytic', title: 'analytic', about: '', role: 'gradient', tensor: analytic },
        result
          ? { id: 'dx-numerical', title: 'numerical', about: '', role: 'gradient', tensor: numerical }
          : { id: 'dx-numerical', title: 'numerical', about: '', role: 'gradient', tensor: analytic, placeholder: 'not computed' },
      ],
    });
    const props = { selected: 0, transform: zoomIdentity, plot: 100, overlay: {}, atol: 1e-5, onselect: () => {}, onzoom: () => {}, onhover: () => {} };
    const { rerender } = render(MapSection, { ...props, spec: spec(false) });
    expect(painted.sort()).toEqual(['16', '25']);
    painted.length = 0;
    await rerender({ ...props, spec: spec(false) });
    expect(painted).toEqual([]);
    await rerender({ ...props, spec: spec(true) });
    expect(painted).toEqual(['36']);
  });
});
