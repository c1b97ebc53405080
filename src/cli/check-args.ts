// The options of `convgrad check` beyond the shared problem options: what to compare and how strictly.

import { DEFAULT_KINK_CONVENTION, defaultTolerance } from '../core/problem/defaults';
import { KINK_CONVENTIONS, type DType, type KinkConvention, type Tolerance } from '../core/problem/types';
import { CliError } from './cli-error';
import { RANGES } from '../core/problem/ranges';
import { flag, integerIn, nonNegativeNumber, oneOf, parsed, type Given } from './option-values';
import { resolveProblem, seedArg, stepArg, type ProblemArgs } from './problem-args';

export type NumericalMode = 'full' | 'fast' | 'none';

/** The step and tolerance of a check in one dtype. */
export interface PrecisionSettings {
  readonly h: number;
  readonly tolerance: Tolerance;
}

export interface CliOptions extends ProblemArgs {
  readonly numerical: NumericalMode;
  readonly reference: boolean;
  readonly tolerance: Tolerance;
  /** --h was given: the step is used as is; otherwise it is scaled per gradient and element (docs/NUMERICS.md). */
  readonly stepGiven: boolean;
  /** --atol or --rtol was given: the tolerance is used as is; otherwise the default atol scales down with a gradient smaller than 1. */
  readonly toleranceGiven: boolean;
  readonly kinkConvention: KinkConvention;
  /** Random directions per gradient and their seed; only with `--numerical fast`. */
  readonly fast?: { readonly directions: number; readonly seed: number };
  /** With --compare-dtypes: the same check in both dtypes, each with its own step and tolerance. */
  readonly precision?: Readonly<Record<DType, PrecisionSettings>>;
}

export const DEFAULT_DIRECTIONS = 4;
export const DEFAULT_DIRECTION_SEED = 0;

export function resolveCheck(given: Given): CliOptions {
  const problem = resolveProblem(given);
  const numerical = oneOf(given, 'numerical', ['full', 'fast', 'none'], 'full');
  if (numerical === 'none') {
    if (problem.analyticDx !== undefined || problem.analyticDw !== undefined) {
      throw new CliError('--numerical', "'none' leaves nothing to check --analytic-dx/--analytic-dw against");
    }
    if (problem.inject !== undefined) throw new CliError('--numerical', "'none' leaves nothing to check --inject against");
  }
  if (numerical !== 'fast') {
    for (const name of ['directions', 'seed'] as const) {
      if (given[name] !== undefined) throw new CliError(`--${name}`, 'only applies with --numerical fast');
    }
  }
  const compare = flag(given, 'compare-dtypes');
  if (compare && given.dtype !== undefined) throw new CliError('--compare-dtypes', 'runs the check in both f64 and f32; leave out --dtype');
  return {
    ...problem,
    numerical,
    reference: flag(given, 'reference'),
    stepGiven: given.h !== undefined,
    toleranceGiven: given.atol !== undefined || given.rtol !== undefined,
    kinkConvention: oneOf(given, 'kink-convention', KINK_CONVENTIONS, DEFAULT_KINK_CONVENTION),
    tolerance: precisionSettings(given, problem.dtype).tolerance,
    ...(numerical === 'fast'
      ? {
          fast: {
            directions: parsed(given, 'directions', (text) => integerIn('--directions', text, RANGES.directions, 'the number of directions'), DEFAULT_DIRECTIONS),
            seed: seedArg(given, DEFAULT_DIRECTION_SEED),
          },
        }
      : {}),
    ...(compare ? { precision: { f64: precisionSettings(given, 'f64'), f32: precisionSettings(given, 'f32') } } : {}),
  };
}

/** --h, --atol and --rtol where given, the dtype's defaults elsewhere. */
function precisionSettings(given: Given, dtype: DType): PrecisionSettings {
  const tolerance = defaultTolerance(dtype);
  return {
    h: stepArg(given),
    tolerance: {
      atol: parsed(given, 'atol', (text) => nonNegativeNumber('--atol', text), tolerance.atol),
      rtol: parsed(given, 'rtol', (text) => nonNegativeNumber('--rtol', text), tolerance.rtol),
    },
  };
}
