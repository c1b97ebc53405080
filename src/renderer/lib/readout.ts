// The hover readout: the hovered element's full index and the exact value of every map of
// its space there, plus the relative error where an analytic/numerical pair exists.
import { relativeError } from '../../worker/core/compare';
import { unravelIndex } from '../../worker/core/tensor';
import type { SpaceSpec } from './maps';
import { leadingShape, planeAt } from './planes';
import type { Cell } from './receptive';

export interface Readout {
  readonly label: string;
  readonly index: number[];
  readonly values: { readonly label: string; readonly value: number }[];
}

export function readoutOf(spec: SpaceSpec, plane: number, cell: Cell): Readout {
  const first = spec.maps[0].tensor;
  const index = [...unravelIndex(plane, leadingShape(first)), cell.row, cell.col];
  const at = (t: typeof first) => {
    const p = planeAt(t, plane);
    return p.data[cell.row * p.width + cell.col];
  };
  const values = spec.maps.filter((m) => !m.placeholder).map((m) => ({ label: m.title, value: at(m.tensor) }));
  const analytic = spec.maps.find((m) => m.id.endsWith('-analytic'));
  const numerical = spec.maps.find((m) => m.id.endsWith('-numerical') && !m.placeholder);
  if (analytic && numerical) values.push({ label: 'rel error', value: relativeError(at(analytic.tensor), at(numerical.tensor)) });
  return { label: spec.maps[0].title, index, values };
}
