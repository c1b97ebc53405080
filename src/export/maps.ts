// Which heatmaps the app shows, grouped by the space they live in (maps in one space have the
// same size and share zoom, hover and channel selection), and how each is coloured. The app's
// maps and exports and `convgrad render` are all built from this one catalogue.
import type { Analysis } from '../core/conv/analyze';
import type { GradientCheck } from '../core/check/check';
import type { GradientName, Tensor } from '../core/problem/types';
import { divergingMap, grayMap, logMap, sequentialMap, type ColorMap } from './colormap';
import { errorSpan } from './kink-marks';
import { clippedCounts, quantile, ROBUST_FRACTION } from './robust-range';
import { finiteExtent, maxAbs, planeAt, planeCount, type Plane } from './planes';
import type { ColourRange, GradientMapPrefix, MapId } from '../core/problem/options';

export type Space = 'x' | 'y' | 'w';

/** image: intensities; signed: values of either sign; gradient: diverging, shared with its partner; error: log. */
export type MapRole = 'image' | 'signed' | 'gradient' | 'error';

export interface MapSpec {
  readonly id: MapId;
  readonly title: string;
  /** One line on what the map shows, for the title's hover. */
  readonly about: string;
  readonly role: MapRole;
  readonly tensor: Tensor;
  /** The map whose scale a gradient map shares (analytic and numerical use one colour scale). */
  readonly partner?: Tensor;
  /** Why there is nothing to show yet; the tensor is then only a stand-in of the right size. */
  readonly placeholder?: string;
  /** Error maps: 1 where the finite difference crossed a real kink (judged by the kink convention; painted apart). */
  readonly kinks?: Uint8Array;
  /** Numerical maps: each value's calibrated error bar. */
  readonly errbar?: Float64Array;
}

export interface SpaceSpec {
  readonly space: Space;
  readonly title: string;
  /** What the leading indices of a plane mean, e.g. "(n, c)". */
  readonly planeAxes: string;
  readonly maps: MapSpec[];
}

/** Names of the leading axes of X, Y and W planes, innermost last. */
const LEADING_AXES: Record<Space, readonly string[]> = { x: ['n', 'c'], y: ['n', 'c_out'], w: ['c_out', 'c_in'] };

function planeAxes(space: Space, t: Tensor): string {
  const lead = t.shape.length - 2;
  return `(${LEADING_AXES[space].slice(2 - lead).join(', ')})`;
}


/** The robust version of a signed, gradient or image map: the central ROBUST_FRACTION of the values, the rest counted as clipped. */
function robustMapFor(role: Exclude<MapRole, 'error'>, plane: Plane, partner: Plane | undefined): ColorMap {
  const tail = (1 - ROBUST_FRACTION) / 2;
  const signed = role === 'gradient' || (role === 'signed' && (finiteExtent(plane.data)?.[0] ?? 0) < 0);
  if (signed) {
    const both = partner ? [plane.data, partner.data] : [plane.data];
    const m = Math.max(...both.map((d) => quantile(d, ROBUST_FRACTION, Math.abs) ?? 0));
    const map = divergingMap(m);
    return { ...map, clipped: clippedCounts(plane.data, map.domain[0], map.domain[1]) };
  }
  const lo = quantile(plane.data, tail) ?? 0;
  const hi = quantile(plane.data, 1 - tail) ?? 1;
  const map = role === 'image' ? grayMap([lo, hi]) : sequentialMap([lo, hi]);
  return { ...map, clipped: clippedCounts(plane.data, map.domain[0], map.domain[1]) };
}

/** A plane's colour map for its role; an error map's `kinks` (elements crossing a kink) are left out of its scale. */
export function colorMapFor(role: MapRole, plane: Plane, partner: Plane | undefined, atol: number, range: ColourRange = 'full', kinks?: Uint8Array): ColorMap {
  if (range === 'robust' && role !== 'error') return robustMapFor(role, plane, partner);
  switch (role) {
    case 'image':
      return grayMap(finiteExtent(plane.data) ?? [0, 1]);
    case 'signed': {
      // The largest finite |value| is one end of the finite extent: no second pass over the plane.
      const extent = finiteExtent(plane.data) ?? [0, 1];
      return extent[0] < 0 ? divergingMap(Math.max(-extent[0], extent[1])) : sequentialMap(extent);
    }
    case 'gradient':
      return divergingMap(Math.max(maxAbs(plane.data), partner ? maxAbs(partner.data) : 0));
    case 'error': {
      const { minPositive, max } = errorSpan(plane.data, kinks);
      return logMap(minPositive, max, atol);
    }
  }
}

/** Kink planes already cut, per kink array: the same plane is the same object (see planeAt). */
const kinkPlanes = new WeakMap<Uint8Array, Map<number, Uint8Array>>();

/** Plane `k` of a map's kink flags, cut out as planeAt cuts its values; undefined when the map has none. */
export function planeKinks(map: MapSpec, k: number): Uint8Array | undefined {
  if (!map.kinks) return undefined;
  const { height, width } = planeAt(map.tensor, 0);
  const index = Math.min(Math.max(0, Math.trunc(k)), planeCount(map.tensor) - 1);
  let planes = kinkPlanes.get(map.kinks);
  if (!planes) kinkPlanes.set(map.kinks, (planes = new Map()));
  let plane = planes.get(index);
  if (!plane) planes.set(index, (plane = map.kinks.subarray(index * height * width, (index + 1) * height * width)));
  return plane;
}

/**
 * Colour maps already made, per plane and what else they depend on (the last one of each role,
 * tolerance and range): the same inputs give the same object, so a heatmap whose plane and scale
 * did not change is not painted again, nor are its values scanned again.
 */
const coloured = new WeakMap<Plane, Map<string, { partner?: Plane; kinks?: Uint8Array; colorMap: ColorMap }>>();

/** A plane's colour map; kink elements are left out so they do not stretch an error scale. */
export function planeColorMap(map: MapSpec, k: number, atol: number, range: ColourRange = 'full'): ColorMap {
  const plane = planeAt(map.tensor, k);
  const partner = map.partner ? planeAt(map.partner, k) : undefined;
  const kinks = planeKinks(map, k);
  const key = `${map.role} ${atol} ${range}`;
  let made = coloured.get(plane);
  if (!made) coloured.set(plane, (made = new Map()));
  const last = made.get(key);
  if (last && last.partner === partner && last.kinks === kinks) return last.colorMap;
  const colorMap = colorMapFor(map.role, plane, partner, atol, range, kinks);
  made.set(key, { partner, kinks, colorMap });
  return colorMap;
}

/** A gradient's numerical check, with a gradient under test's distance from ConvGrad's VJP (the app's vs-VJP map). */
export type MapComparison = GradientCheck & { readonly vsOwn?: { readonly error: Tensor } };

type Compared = Partial<Record<GradientName, MapComparison>> | undefined;

const GRADIENT_LABELS: Record<GradientName, string> = { dX: 'dL/dX', dW: 'dL/dW', db: 'dL/db' };

/** How a gradient under test is titled, after its file or bug: "dL/dX under test: kernel-not-mirrored". */
export function testedMapTitle(gradient: GradientName, name: string): string {
  return `${GRADIENT_LABELS[gradient]} under test: ${name}`;
}

/** A gradient under test other than ConvGrad's VJP, with its title ("dL/dX under test: dx.npy"). */
export interface TestedMap {
  readonly tensor: Tensor;
  readonly title: string;
}

export type Tested = Partial<Record<'dX' | 'dW', TestedMap>>;

function gradientMaps(
  prefix: GradientMapPrefix,
  label: string,
  own: Tensor,
  tested: TestedMap | undefined,
  compared: MapComparison | undefined,
  pending: string,
): MapSpec[] {
  const analytic = tested?.tensor ?? own;
  const name = tested ? tested.title : `${label} analytic`;
  const maps: MapSpec[] = [
    {
      id: `${prefix}-analytic`,
      title: name,
      about: tested
        ? `The gradient under test, as loaded or injected; the verdict and the error map are about it.`
        : `ConvGrad's exact vector-Jacobian product for the upstream gradient G: what is under test.`,
      role: 'gradient',
      tensor: analytic,
    },
    {
      id: `${prefix}-numerical`,
      title: `${label} numerical`,
      about: `The finite-difference gradient: each element from the loss evaluated at the input nudged by ±h.`,
      role: 'gradient',
      tensor: compared?.numerical ?? analytic,
      partner: analytic,
      placeholder: compared ? undefined : pending,
      errbar: compared?.errbar,
    },
    {
      id: `${prefix}-error`,
      title: tested ? `|${tested.title.split(':')[0]} − numerical|` : `|error| of ${label}`,
      about: `|analytic − numerical| per element on a log scale; the tick on the legend is atol, above it elements fail.`,
      role: 'error',
      tensor: compared?.error ?? analytic,
      placeholder: compared ? undefined : pending,
      // Only a problem with kinks has elements to leave out of its error scale.
      kinks: compared?.summary.kinked ? compared.kinks : undefined,
    },
  ];
  if (tested) {
    maps.push({
      id: `${prefix}-vs-vjp`,
      title: `|${label} under test − ConvGrad's VJP|`,
      about: `How far the gradient under test is from ConvGrad's own exact VJP, element by element: the comparison, not the verdict.`,
      role: 'error',
      tensor: compared?.vsOwn?.error ?? analytic,
      placeholder: compared?.vsOwn ? undefined : pending,
    });
  }
  return maps;
}

/** The three spaces' maps for an analysed problem; numerical maps are placeholders until computed. */
export function spacesOf(x: Tensor, w: Tensor, analysis: Analysis, compared: Compared, pending: string, tested: Tested = {}): SpaceSpec[] {
  return [
    {
      space: 'x',
      title: 'Input space (X and dL/dX)',
      planeAxes: planeAxes('x', x),
      maps: [
        { id: 'x', title: 'X', about: 'The input image or array, after any crop and resampling.', role: 'image', tensor: x },
        ...gradientMaps('dx', GRADIENT_LABELS.dX, analysis.dX, tested.dX, compared?.dX, pending),
      ],
    },
    {
      space: 'y',
      title: 'Output space (Y and dL/dY)',
      planeAxes: planeAxes('y', analysis.y),
      maps: [
        { id: 'y', title: 'Y = X ∗ W', about: 'The output of the convolution (or cross-correlation) with the chosen padding, stride and dilation.', role: 'signed', tensor: analysis.y },
        { id: 'gy', title: 'dL/dY (upstream G)', about: 'The gradient of the loss with respect to Y that the backward pass starts from.', role: 'gradient', tensor: analysis.gy },
      ],
    },
    {
      space: 'w',
      title: 'Kernel space (W and dL/dW)',
      planeAxes: planeAxes('w', w),
      maps: [
        { id: 'w', title: 'W', about: 'The kernel as given (a true convolution applies it mirrored).', role: 'signed', tensor: w },
        ...gradientMaps('dw', GRADIENT_LABELS.dW, analysis.dW, tested.dW, compared?.dW, pending),
      ],
    },
  ];
}
