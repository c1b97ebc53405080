// Turns resolved command-line options into the core's Problem, reading every named file.

import { kernelPreset } from '../core/problem/presets';
import type { ConvOptions, GradSpec, LossSpec, Problem, Tensor, TargetSpec } from '../core/problem/types';
import type { NpzBundle, NpzSlot } from '../formats/npz';
import { asCliError, CliError } from './cli-error';
import { decodeArrayFile, readArrayFile } from './load-array';
import { kernelLabel, type ProblemArgs } from './problem-args';
import type { GradientsUnderTest } from '../core/check/types';

export interface LoadedProblem {
  readonly problem: Problem;
  /** Gradients computed elsewhere (--analytic-dx, --analytic-dw), to check instead of ConvGrad's own. */
  readonly analytic?: GradientsUnderTest;
  /** The options as they apply: a .npz's arrays and settings filled in where the command line left them out. */
  readonly options: ProblemArgs;
  /** The names a session gave its gradients under test (the app's file names); elsewhere their files name them. */
  readonly testedNames?: { readonly dX?: string; readonly dW?: string };
}

export async function loadProblem(given: ProblemArgs): Promise<LoadedProblem> {
  // Imported only for a .npz: it brings the zip package.
  const bundle = given.npz === undefined ? undefined : await (await import('./load-npz')).loadNpz(given.npz);
  const options = bundle ? withNpz(given, bundle) : given;
  const budget = { maxElements: options.maxElements };
  if (options.x === undefined) throw new CliError(`--npz ${given.npz}`, `holds no x (or input); give it or --x FILE`);
  const fromNpz = (path: string) => bundle !== undefined && path.startsWith(`${given.npz}:`);
  // Every file is read at once, so the reads wait on no turn of this thread between one file and
  // the next (it compiles the check meanwhile, check-command.ts). They are decoded one by one in
  // the options' order: the first bad file named is the one reported, and no two images are
  // decoded at once.
  const reads = new Map<string, Promise<Uint8Array>>();
  for (const [option, path] of filesOf(options)) {
    if (fromNpz(path)) continue;
    const read = readArrayFile(path, `--${option} ${path}`, budget);
    // Awaited in turn below; a file after a refused one is never reported.
    read.catch(() => {});
    reads.set(option, read);
  }
  const load = async (path: string, option: string): Promise<Tensor> =>
    fromNpz(path) ? npzArray(bundle!, path) : decodeArrayFile(await reads.get(option)!, path, `--${option} ${path}`, options.imageMode, budget);
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
    problem: { x, w, ...(bias ? { bias } : {}), conv: options.conv, loss, dtype: options.dtype, maxElements: options.maxElements },
    ...(analytic.dX || analytic.dW ? { analytic } : {}),
    options,
  };
}

/** The files the options name, by option, in the order loadProblem takes them. */
function filesOf(options: ProblemArgs): [option: string, path: string][] {
  const { x, w, bias, loss, grad, target, analyticDx, analyticDw } = options;
  return [
    ['x', x],
    ['w', w.kind === 'file' ? w.path : undefined],
    ['bias', bias],
    ['grad', loss === 'linear' && grad.kind === 'file' ? grad.path : undefined],
    ['target', loss === 'l2' && target.kind === 'file' ? target.path : undefined],
    ['analytic-dx', analyticDx],
    ['analytic-dw', analyticDw],
  ].filter((file): file is [string, string] => file[1] !== undefined);
}

/** Where each .npz slot goes on the command line. */
const NPZ_OPTION: Partial<Record<NpzSlot, string>> = { x: 'x', w: 'w', bias: 'bias', grad: 'grad', target: 'target', dx: 'analytic-dx', dw: 'analytic-dw' };
const CONV_OPTION: Record<keyof ConvOptions, string> = { op: 'op', padding: 'padding', paddingMode: 'padding-mode', stride: 'stride', dilation: 'dilation' };

/** The options with the .npz's arrays (named `FILE:key`) and settings where the command line gave none; giving both is an error. */
function withNpz(options: ProblemArgs, bundle: NpzBundle): ProblemArgs {
  const npz = options.npz as string;
  const from = (slot: NpzSlot): string | undefined => {
    if (!bundle.arrays[slot]) return undefined;
    const option = NPZ_OPTION[slot];
    if (option && options.explicit.includes(option)) throw new CliError(`--${option}`, `the .npz ${npz} already holds ${bundle.keys[slot]}; give one or the other`);
    return `${npz}:${bundle.keys[slot]}`;
  };
  if (bundle.arrays.grad && bundle.arrays.target) throw new CliError(`--npz ${npz}`, 'holds both grad (a linear loss) and target (an l2 loss); keep one');
  // Checking ConvGrad's own dL/db instead would drop the user's from the verdict without a word.
  if (bundle.arrays.db) {
    throw new CliError(`--npz ${npz}`, `holds ${bundle.keys.db}: a dL/db under test is not checked yet (ConvGrad checks its own dL/db); save the .npz without it`);
  }
  const conv = Object.fromEntries(
    (Object.keys(CONV_OPTION) as (keyof ConvOptions)[]).map((key) => [key, options.explicit.includes(CONV_OPTION[key]) ? options.conv[key] : (bundle.settings[key] ?? options.conv[key])]),
  ) as unknown as ConvOptions;
  const [x, w, bias, grad, target, dx, dw] = (['x', 'w', 'bias', 'grad', 'target', 'dx', 'dw'] as const).map(from);
  const loss = grad ? 'linear' : target ? 'l2' : options.loss;
  if ((grad || target) && options.explicit.includes('loss') && loss !== options.loss) {
    throw new CliError('--loss', `the .npz ${npz} holds ${grad ? 'grad (a linear loss)' : 'target (an l2 loss)'}`);
  }
  return {
    ...options,
    conv,
    loss,
    ...(x ? { x } : {}),
    ...(w ? { w: { kind: 'file', path: w } } : {}),
    ...(bias ? { bias } : {}),
    ...(grad ? { grad: { kind: 'file', path: grad } } : {}),
    ...(target ? { target: { kind: 'file', path: target } } : {}),
    ...(dx ? { analyticDx: dx } : {}),
    ...(dw ? { analyticDw: dw } : {}),
  };
}

/** The array a `FILE:key` name from withNpz stands for. */
async function npzArray(bundle: NpzBundle, path: string): Promise<Tensor> {
  const key = path.slice(path.lastIndexOf(':') + 1);
  const slot = (Object.keys(bundle.keys) as NpzSlot[]).find((s) => bundle.keys[s] === key);
  return bundle.arrays[slot as NpzSlot] as Tensor;
}

/** A preset applied to each of X's channels: X is (H,W), (C,H,W) or (N,C,H,W). */
function presetKernel(spec: string, x: Tensor): Tensor {
  const rank = x.shape.length;
  try {
    return kernelPreset(spec, rank >= 3 ? x.shape[rank - 3] : 1);
  } catch (error) {
    throw asCliError(`--w ${spec}`, error);
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
      return options.x === undefined ? `--npz ${options.npz}:x` : `--x ${options.x}`;
    case 'w':
      return `--w ${kernelLabel(options.w)}`;
    case 'bias':
      return `--bias ${options.bias}`;
    case 'grad':
      return options.grad.kind === 'file' ? `--grad ${options.grad.path}` : '--grad';
    case 'target':
      return options.target.kind === 'file' ? `--target ${options.target.path}` : '--target';
    case 'analytic-dx':
      return options.analyticDx === undefined ? `--npz ${options.npz}:dx` : `--analytic-dx ${options.analyticDx}`;
    case 'analytic-dw':
      return options.analyticDw === undefined ? `--npz ${options.npz}:dw` : `--analytic-dw ${options.analyticDw}`;
    case 'inject':
      return `--inject ${options.inject}`;
    default:
      return `--${subject}`;
  }
}
