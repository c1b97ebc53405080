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
  /** The ramp itself, t in [0, 1] -> CSS colour (what the legend draws). */
  readonly interpolator: (t: number) => string;
  /** A d3 scale with the same domain, for legend axes and ticks. */
  readonly scale: ReturnType<typeof scaleSequential<string>> | ReturnType<typeof scaleSequentialLog<string>>;
  /** A threshold to mark on the legend (the tolerance for error maps). */
  readonly marker?: number;
}

/** Smallest value an error map shows: anything below is clamped to the floor colour. */
export const ERROR_FLOOR = 1e-18;

const grayRamp = (t: number): string => interpolateGreys(1 - t);
const divergingRamp = (t: number): string => interpolateRdBu(1 - t);

function clamp01(t: number): number {
  return t < 0 ? 0 : t > 1 ? 1 : t;
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
    position: (v) => (Number.isFinite(v) ? clamp01((v - lo) / (hi - lo)) : NaN),
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
    position: (v) => (Number.isFinite(v) ? clamp01((v + m) / (2 * m)) : NaN),
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
    position: (v) => {
      if (!Number.isFinite(v)) return NaN;
      return v <= lo ? 0 : clamp01((Math.log(v) - logLo) / span);
    },
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

/** Writes RGBA pixels for `values` into `out` (length 4 * values.length). */
export function paint(values: ArrayLike<number>, map: ColorMap, lut: Uint8Array, out: Uint8ClampedArray): void {
  const top = lut.length / 3 - 1;
  for (let i = 0; i < values.length; i++) {
    const t = map.position(values[i]);
    const o = 4 * i;
    if (Number.isNaN(t)) {
      out[o] = NONFINITE_RGB[0];
      out[o + 1] = NONFINITE_RGB[1];
      out[o + 2] = NONFINITE_RGB[2];
    } else {
      const k = 3 * Math.round(t * top);
      out[o] = lut[k];
      out[o + 1] = lut[k + 1];
      out[o + 2] = lut[k + 2];
    }
    out[o + 3] = 255;
  }
}
