// Value -> colour for the heatmaps. Three kinds: sequential for images, diverging and
// symmetric about 0 for signed data such as gradients, logarithmic for absolute errors.
// Pixels are painted through a lookup table because calling a d3 interpolator (which
// returns a CSS string) per pixel would be far too slow for a 512x512 map.
import {
  interpolateGreys,
  interpolateRdBu,
  interpolateViridis,
  interpolateMagma,
  rgb,
  scaleSequential,
  scaleSequentialLog,
} from 'd3';

export type ColorKind = 'gray' | 'sequential' | 'diverging' | 'log';

export interface ColorMap {
  readonly kind: ColorKind;
  /** [low, high] for sequential and log maps, [-m, m] for diverging ones. */
  readonly domain: readonly [number, number];
  /** Where a value falls on the colour ramp, in [0, 1]; NaN for non-finite values. */
  position(value: number): number;
  /** The same mapping as plain numbers, so painting a whole plane runs one monomorphic loop. */
  readonly placement: Placement;
  /** The ramp itself, t in [0, 1] -> CSS colour (what the legend draws). */
  readonly interpolator: (t: number) => string;
  /** A d3 scale with the same domain, for legend axes and ticks. */
  readonly scale: ReturnType<typeof scaleSequential<string>> | ReturnType<typeof scaleSequentialLog<string>>;
  /** A threshold to mark on the legend (the tolerance for error maps). */
  readonly marker?: number;
  /** A robust range: how many values lie beyond each end (painted in the end colours, counted on the legend). */
  readonly clipped?: { readonly below: number; readonly above: number };
}

/** Smallest value an error map shows: anything below is clamped to the floor colour. */
export const ERROR_FLOOR = 1e-18;

const grayRamp = (t: number): string => interpolateGreys(1 - t);
const divergingRamp = (t: number): string => interpolateRdBu(1 - t);

function clamp01(t: number): number {
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** t = (f(v) - origin) / span, clamped to [0, 1], with f = ln on log maps (which send v <= floor to 0). */
export interface Placement {
  readonly log: boolean;
  readonly origin: number;
  readonly span: number;
  readonly floor: number;
}

function placement(log: boolean, origin: number, span: number, floor = -Infinity): Placement {
  return { log, origin, span, floor };
}

/** Where `v` falls on a ramp placed by `p`, in [0, 1]; NaN for non-finite values. */
export function placeOn(p: Placement, v: number): number {
  if (!Number.isFinite(v)) return NaN;
  if (p.log) return v <= p.floor ? 0 : clamp01((Math.log(v) - p.origin) / p.span);
  return clamp01((v - p.origin) / p.span);
}

function placed(p: Placement): Pick<ColorMap, 'placement' | 'position'> {
  return { placement: p, position: (v) => placeOn(p, v) };
}

/** Widens a degenerate [v, v] domain so every value still gets a colour. */
function spread(lo: number, hi: number): [number, number] {
  if (hi > lo) return [lo, hi];
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.5;
  return [lo - pad, hi + pad];
}

/** Gray (black = low, white = high) for images and other inputs read as intensities. */
export function grayMap(extent: readonly [number, number]): ColorMap {
  return linearMap('gray', spread(extent[0], extent[1]), grayRamp);
}

/** Perceptually uniform sequential map for non-negative results. */
export function sequentialMap(extent: readonly [number, number]): ColorMap {
  return linearMap('sequential', spread(extent[0], extent[1]), interpolateViridis);
}

function linearMap(kind: ColorKind, [lo, hi]: [number, number], ramp: (t: number) => string): ColorMap {
  return {
    kind,
    domain: [lo, hi],
    interpolator: ramp,
    scale: scaleSequential(ramp).domain([lo, hi]),
    ...placed(placement(false, lo, hi - lo)),
  };
}

/** Blue (negative) - white (0) - red (positive), domain [-m, m] so 0 is always white. */
export function divergingMap(maxAbs: number): ColorMap {
  const m = maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 1;
  return {
    kind: 'diverging',
    domain: [-m, m],
    interpolator: divergingRamp,
    scale: scaleSequential(divergingRamp).domain([-m, m]),
    ...placed(placement(false, -m, 2 * m)),
  };
}

/**
 * Logarithmic map for |error|. The domain always contains the tolerance so the legend can
 * mark it: from below both the smallest error and atol/100, up to above both.
 */
export function logMap(minPositive: number | undefined, max: number, atol: number): ColorMap {
  const mark = atol > 0 ? atol : undefined;
  const candidatesLo = [minPositive ?? Infinity, mark !== undefined ? mark / 100 : Infinity];
  let lo = Math.max(ERROR_FLOOR, Math.min(...candidatesLo));
  if (!Number.isFinite(lo)) lo = ERROR_FLOOR;
  let hi = Math.max(Number.isFinite(max) ? max : 0, mark !== undefined ? mark * 10 : 0);
  if (!(hi > lo)) hi = lo * 1e3;
  const logLo = Math.log(lo);
  const span = Math.log(hi) - logLo;
  return {
    kind: 'log',
    domain: [lo, hi],
    interpolator: interpolateMagma,
    scale: scaleSequentialLog(interpolateMagma).domain([lo, hi]),
    marker: mark,
    ...placed(placement(true, logLo, span, lo)),
  };
}

/** RGB triples sampled along a ramp; an odd count puts an exact entry at the middle (0 on diverging maps). */
export function buildLut(ramp: (t: number) => string, size = 257): Uint8Array {
  const lut = new Uint8Array(size * 3);
  for (let i = 0; i < size; i++) {
    const c = rgb(ramp(i / (size - 1)));
    lut[3 * i] = c.r;
    lut[3 * i + 1] = c.g;
    lut[3 * i + 2] = c.b;
  }
  return lut;
}

/** Colour shown for NaN and infinities: a green that none of the ramps contains. */
export const NONFINITE_RGB: readonly [number, number, number] = [0, 255, 64];

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** An opaque RGBA pixel as one 32-bit word in memory order, so a pixel is written with one store. */
function packPixel(r: number, g: number, b: number): number {
  return LITTLE_ENDIAN ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

/** Writes the RGBA pixels of `values` into `out` (length 4 * values.length), in the same order. */
export function paint(values: ArrayLike<number>, map: ColorMap, lut: Uint8Array, out: Uint8ClampedArray): void {
  const top = lut.length / 3 - 1;
  const packed = new Uint32Array(top + 1);
  for (let k = 0; k <= top; k++) packed[k] = packPixel(lut[3 * k], lut[3 * k + 1], lut[3 * k + 2]);
  const nonFinite = packPixel(...NONFINITE_RGB);
  const pixels = new Uint32Array(out.buffer, out.byteOffset, values.length);
  const { placement } = map;
  for (let i = 0; i < values.length; i++) {
    const t = placeOn(placement, values[i]);
    pixels[i] = Number.isNaN(t) ? nonFinite : packed[Math.round(t * top)];
  }
}
