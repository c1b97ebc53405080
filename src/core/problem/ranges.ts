// The documented range of every integer option, defined once for the CLI's parser, its help and
// the app's inputs (docs/CLI.md lists them). The size budget bounds memory; these bound
// nonsense (a stride of 2^53) before any arithmetic is done with it.
import { MAX_MAX_ELEMENTS, MIN_MAX_ELEMENTS } from './budget';

export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

export const RANGES = {
  /** Each of top, bottom, left, right. */
  padding: { min: 0, max: 100_000 },
  stride: { min: 1, max: 100_000 },
  dilation: { min: 1, max: 100_000 },
  /** Random directions of `--numerical fast`. */
  directions: { min: 1, max: 100_000 },
  /** Seeds of random G, directions and sampled elements: 32-bit, as the generators use them. */
  seed: { min: 0, max: 2 ** 32 - 1 },
  /** Elements sampled by `convgrad sweep`. */
  elements: { min: 1, max: 1_000_000 },
  /** Points of a `--hs FROM:TO:COUNT` sweep. */
  steps: { min: 1, max: 1000 },
  maxElements: { min: MIN_MAX_ELEMENTS, max: MAX_MAX_ELEMENTS },
  /** PNG pixels per element of an exported map, along each axis: a 512² map at ×16 is already 8192² pixels. */
  scale: { min: 1, max: 16 },
  /** A map's plane, counted over its leading axes (no array has more planes than elements). */
  plane: { min: 0, max: MAX_MAX_ELEMENTS },
} as const satisfies Record<string, IntegerRange>;

/** A decimal number as people, JSON and numpy.savetxt write it: no hex (0x10), binary (0b11), digit separators or 'Infinity'. */
// Each digit can match in one way only: `\d+\.?\d*` would backtrack quadratically on 300,000 digits.
export const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
