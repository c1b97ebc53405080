// Where a diagnosis says a gradient is wrong, as rectangles to outline on one plane of its error
// map (plane coordinates, bottom and right exclusive).
import type { Footprint } from '../../core/diagnosis';
import { unravelIndex } from '../../core/problem/tensor';
import type { Window } from './receptive';

/**
 * The footprint's outline on plane `plane` (flat over the leading axes `lead`) of a `height` x
 * `width` map: the border bands, the taps, the isolated elements, the whole plane of a one-plane
 * footprint; nothing for "everywhere" (the map itself shows that) or a lattice (too many cells).
 */
export function footprintRects(f: Footprint, lead: readonly number[], plane: number, height: number, width: number): Window[] {
  const cell = (row: number, col: number): Window => ({ top: row, left: col, bottom: row + 1, right: col + 1 });
  switch (f.kind) {
    case 'border': {
      const w = f.width;
      const band = { top: { top: 0, left: 0, bottom: w, right: width }, bottom: { top: height - w, left: 0, bottom: height, right: width }, left: { top: 0, left: 0, bottom: height, right: w }, right: { top: 0, left: width - w, bottom: height, right: width } };
      return f.sides.map((side) => band[side]);
    }
    case 'taps':
      return f.taps.map(([k, l]) => cell(k, l));
    case 'isolated':
      return f.at.filter((index) => flatPlane(index.slice(0, -2), lead) === plane).map((index) => cell(index[index.length - 2], index[index.length - 1]));
    case 'plane': {
      const axes = lead.length;
      const here = axes ? unravelIndex(plane, lead) : [];
      const shown = here.some((v, a) => lead[a] > 1 && a === axisIndex(f.axis, axes) && v === f.index);
      return shown ? [{ top: 0, left: 0, bottom: height, right: width }] : [];
    }
    case 'lattice':
    case 'everywhere':
      return [];
  }
}

function flatPlane(index: readonly number[], lead: readonly number[]): number {
  const rank = lead.length;
  const tail = index.slice(index.length - rank);
  return tail.reduce((flat, v, a) => flat * lead[a] + v, 0);
}

/** The position among the leading axes of a footprint's axis name (n/c for X, c_out/c_in for W). */
function axisIndex(name: string, axes: number): number {
  const order = name === 'n' || name === 'c_out' ? 0 : 1;
  return axes === 1 ? 0 : order;
}
