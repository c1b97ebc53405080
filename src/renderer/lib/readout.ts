// The hover readout: the hovered element's full index and the exact value of every map of
// its space there, plus the relative error where an analytic/numerical pair exists.
import { relativeError } from '../../core/check/compare';
import { unravelIndex } from '../../core/problem/tensor';
import { planeKinks, type SpaceSpec } from '../../export/maps';
import { leadingShape, planeAt } from '../../export/planes';
import type { Cell } from './receptive';

export interface ReadoutValue {
  readonly label: string;
  readonly value: number;
  /** The element's finite difference crossed a real kink (judged by the kink convention). */
  readonly kink?: boolean;
  /** A numerical value's calibrated error bar. */
  readonly errbar?: number;
}

export interface Readout {
  readonly label: string;
  readonly index: number[];
  readonly values: ReadoutValue[];
}

export function readoutOf(spec: SpaceSpec, plane: number, cell: Cell): Readout {
  const first = spec.maps[0].tensor;
  const index = [...unravelIndex(plane, leadingShape(first)), cell.row, cell.col];
  // Every map of a space has planes of one size, so one offset finds the element in each.
  const offset = cell.row * planeAt(first, plane).width + cell.col;
  const at = (t: typeof first) => planeAt(t, plane).data[offset];
  const values: ReadoutValue[] = spec.maps
    .filter((m) => !m.placeholder)
    .map((m) => ({
      label: m.title,
      value: at(m.tensor),
      kink: planeKinks(m, plane)?.[offset] === 1,
      ...(m.errbar ? { errbar: m.errbar[plane * planeAt(first, plane).height * planeAt(first, plane).width + offset] } : {}),
    }));
  const analytic = spec.maps.find((m) => m.id.endsWith('-analytic'));
  const numerical = spec.maps.find((m) => m.id.endsWith('-numerical') && !m.placeholder);
  if (analytic && numerical) values.push({ label: 'rel error', value: relativeError(at(analytic.tensor), at(numerical.tensor)) });
  return { label: spec.maps[0].title, index, values };
}
