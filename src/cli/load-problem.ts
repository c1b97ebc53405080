// Turns resolved command-line options into the core's Problem and CheckOptions, reading every named file.

import type { CheckOptions } from '../worker/core/check';
import { InputError } from '../worker/core/errors';
import { kernelPreset } from '../worker/core/presets';
import type { GradSpec, LossSpec, Problem, Tensor, TargetSpec } from '../worker/core/types';
import type { CliOptions } from './args';
import { CliError } from './cli-error';
import { loadArray } from './load-array';
import { kernelLabel } from './report';

export interface LoadedCheck {
  readonly problem: Problem;
  readonly check: CheckOptions;
}

export async function loadProblem(options: CliOptions): Promise<LoadedCheck> {
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
    check: {
      numerical: options.numerical,
      reference: options.reference,
      method: options.method,
      h: options.h,
      tolerance: options.tolerance,
      ...(analytic.dX || analytic.dW ? { analytic } : {}),
    },
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

async function gradSpec(options: CliOptions, load: Load): Promise<GradSpec> {
  const { grad } = options;
  return grad.kind === 'file' ? { kind: 'array', value: await load(grad.path, 'grad') } : grad;
}

async function targetSpec(options: CliOptions, load: Load): Promise<TargetSpec> {
  const { target } = options;
  return target.kind === 'file' ? { kind: 'array', value: await load(target.path, 'target') } : target;
}

/** The option (and file) an InputError from the core is about, e.g. 'x' -> `--x data/img.npy`. */
export function subjectLabel(subject: string | undefined, options: CliOptions): string {
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
    default:
      return `--${subject}`;
  }
}
