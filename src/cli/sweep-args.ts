// The options of `convgrad sweep` beyond the shared problem options: which steps, how many elements.

import { DEFAULT_SWEEP_ELEMENTS, DEFAULT_SWEEP_HS, logspace } from '../core/study/sweep-steps';
import { RANGES } from '../core/problem/ranges';
import { CliError } from './cli-error';
import { integerIn, finiteNumber, flag, parsed, positiveNumber, type Given } from './option-values';
import { resolveProblem, seedArg, type ProblemArgs } from './problem-args';

export interface SweepCliOptions extends ProblemArgs {
  /** The steps swept, in the order given; `h` (the check's step) is marked on the curve. */
  readonly hs: readonly number[];
  /** Per gradient, at most this many elements are differenced at each step. */
  readonly elements: number;
  /** Seed of the element sample and of the Taylor test's directions. */
  readonly seed: number;
  readonly taylor: boolean;
}

export const DEFAULT_SWEEP_SEED = 0;

export function resolveSweep(given: Given): SweepCliOptions {
  return {
    ...resolveProblem(given),
    hs: parsed(given, 'hs', stepsArg, DEFAULT_SWEEP_HS),
    elements: parsed(given, 'elements', (text) => integerIn('--elements', text, RANGES.elements, 'the number of elements'), DEFAULT_SWEEP_ELEMENTS),
    seed: seedArg(given, DEFAULT_SWEEP_SEED),
    taylor: flag(given, 'taylor'),
  };
}

/** `FROM:TO:COUNT` (log10 exponents, COUNT points evenly spaced in log h) or `h1,h2,...`. */
function stepsArg(text: string): number[] {
  const range = text.split(':');
  if (range.length === 3) {
    const [from, to] = range.slice(0, 2).map((part) => finiteNumber('--hs', part));
    const count = integerIn('--hs', range[2], RANGES.steps, 'COUNT');
    const hs = logspace(from, to, count);
    const outside = hs.find((h) => !(h > 0 && Number.isFinite(h)));
    if (outside !== undefined) throw new CliError('--hs', `the exponents give a step of ${outside}, outside the range of double precision`);
    return hs;
  }
  if (range.length !== 1) throw new CliError('--hs', `must be FROM:TO:COUNT (log10 exponents) or h1,h2,..., got '${text}'`);
  const hs = text.split(',').map((part) => positiveNumber('--hs', part));
  if (hs.length > RANGES.steps.max) throw new CliError('--hs', `at most ${RANGES.steps.max} steps, got ${hs.length}`);
  return hs;
}
