// Turns resolved command-line options into the core's Problem, reading every named file.

import { InputError } from '../core/problem/errors';
import { kernelPreset } from '../core/problem/presets';
import type { AnalyticOverride } from '../core/study/sweep';
import type { GradSpec, LossSpec, Problem, Tensor, TargetSpec } from '../core/problem/types';
import { CliError } from './cli-error';
import { loadArray } from './load-array';
import type { ProblemArgs } from './problem-args';
import { kernelLabel } from './report-parts';

export interface LoadedProblem {
  readonly problem: Problem;
  /** Gradients computed elsewhere (--analytic-dx, --analytic-dw), to check instead of ConvGrad's own. */
  readonly analytic?: AnalyticOverride;
}

export async function loadProblem(options: ProblemArgs): Promise<LoadedProblem> {
  const load = (path: string, option: string) => loadArray(path, `--${option} ${path}`, options.imageMode);
  const x = await load(options.x, 'x');
  const w = options.w.kind === 'file' ? await load(options.w.path, 'w') : presetKernel(options.w.spec, x);
  const bias = options.bias === undefined ? undefined : await load(options.bias, 'bias');
  const loss: LossSpec =
    options.loss === 'linear'
      ? { kind: 'linear', grad: await gradSpec(options, load) }
      : { kind: 'l2', activation: options.activation, target: await targetSpec(options, load) };
  const analytic = {
    ...(options.analyticDx === undefined ? {} : { dX: await load(options.analyticDx, 'analytic-dx') }),
    ...(options.analyticDw === undefined ? {} : { dW: await load(options.analyticDw, 'analytic-dw') }),
  };
  return {
    problem: { x, w, ...(bias ? { bias } : {}), conv: options.conv, loss, dtype: options.dtype },
    ...(analytic.dX || analytic.dW ? { analytic } : {}),
  };
}

/** A preset applied to each of X's channels: X is (H,W), (C,H,W) or (N,C,H,W). */
function presetKernel(spec: string, x: Tensor): Tensor {
  const rank = x.shape.length;
  try {
    return kernelPreset(spec, rank >= 3 ? x.shape[rank - 3] : 1);
  } catch (error) {
    if (error instanceof InputError) throw new CliError(`--w ${spec}`, error.message);
    throw error;
  }
}

type Load = (path: string, option: string) => Promise<Tensor>;

async function gradSpec(options: ProblemArgs, load: Load): Promise<GradSpec> {
  const { grad } = options;
  return grad.kind === 'file' ? { kind: 'array', value: await load(grad.path, 'grad') } : grad;
}

async function targetSpec(options: ProblemArgs, load: Load): Promise<TargetSpec> {
  const { target } = options;
  return target.kind === 'file' ? { kind: 'array', value: await load(target.path, 'target') } : target;
}

/** The option (and file) an InputError from the core is about, e.g. 'x' -> `--x data/img.npy`. */
export function subjectLabel(subject: string | undefined, options: ProblemArgs): string {
  switch (subject) {
    case undefined:
      return '';
    case 'x':
      return `--x ${options.x}`;
    case 'w':
      return `--w ${kernelLabel(options.w)}`;
    case 'bias':
      return `--bias ${options.bias}`;
    case 'grad':
      return options.grad.kind === 'file' ? `--grad ${options.grad.path}` : '--grad';
    case 'target':
      return options.target.kind === 'file' ? `--target ${options.target.path}` : '--target';
    case 'analytic-dx':
      return `--analytic-dx ${options.analyticDx}`;
    case 'analytic-dw':
      return `--analytic-dw ${options.analyticDw}`;
    case 'inject':
      return `--inject ${options.inject}`;
    default:
      return `--${subject}`;
  }
}
