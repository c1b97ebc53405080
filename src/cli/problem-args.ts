// The options `convgrad check` and `convgrad sweep` share: the problem (inputs, loss, convolution,
// dtype), the finite difference, the gradient under test and the output. Pure: files are only named.

import { DEFAULT_CONV, DEFAULT_STEP } from '../core/problem/defaults';
import type { BugName } from '../core/study/inject';
import type { Activation, ConvOptions, DType, FdMethod, PaddingSize } from '../core/problem/types';
import type { ImageMode } from '../formats/image';
import { CliError } from './cli-error';
import { DEFAULT_MAX_ELEMENTS } from '../core/problem/budget';
import { RANGES } from '../core/problem/ranges';
import { flag, integerIn, oneOf, parsed, positiveNumber, valueOf, type Given } from './option-values';
import { ACTIVATIONS, BUG_NAMES, DTYPES, FD_METHODS, isBugName, LOSS_KINDS, OPS, PADDING_MODES } from '../core/problem/options';

/** A kernel given by file or by preset name (see src/core/problem/presets.ts). */
export type KernelArg = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'preset'; readonly spec: string };
export type GradArg =
  | { readonly kind: 'ones' }
  | { readonly kind: 'random'; readonly seed: number }
  | { readonly kind: 'file'; readonly path: string };
export type TargetArg = { readonly kind: 'zeros' } | { readonly kind: 'file'; readonly path: string };

export interface ProblemArgs {
  /** X's file; undefined when it comes from the .npz. */
  readonly x?: string;
  /** A .npz holding the problem and the gradients under test (src/formats/npz.ts); options given override it. */
  readonly npz?: string;
  /** A session the app saved (check only): the problem, its settings and the gradient under test (src/cli/load-session.ts). */
  readonly session?: string;
  /** The names of the options given on the command line (what a .npz's settings may not override). */
  readonly explicit: readonly string[];
  readonly w: KernelArg;
  readonly bias?: string;
  readonly loss: 'linear' | 'l2';
  readonly grad: GradArg;
  readonly target: TargetArg;
  readonly activation: Activation;
  readonly imageMode: ImageMode;
  readonly conv: ConvOptions;
  readonly dtype: DType;
  readonly method: FdMethod;
  readonly h: number;
  readonly analyticDx?: string;
  readonly analyticDw?: string;
  /** A deliberately wrong backward pass whose gradients are checked instead of ConvGrad's. */
  readonly inject?: BugName;
  readonly out?: string;
  readonly json: boolean;
  /** The element budget of every array, file and derived buffer (src/core/problem/budget.ts). */
  readonly maxElements: number;
}

export const DEFAULT_KERNEL = 'sobel-x';
/** Seed of `--grad random` when none is given. */
export const DEFAULT_SEED = 0;

export function resolveProblem(given: Given): ProblemArgs {
  const x = valueOf(given, 'x');
  const npz = valueOf(given, 'npz');
  const session = valueOf(given, 'session');
  if (x === undefined && npz === undefined && session === undefined) {
    throw new CliError('--x', 'required (the input array or image), or --npz with x in it');
  }
  const loss = oneOf(given, 'loss', LOSS_KINDS, 'linear');
  if (loss === 'linear') {
    for (const name of ['target', 'activation'] as const) {
      if (given[name] !== undefined) throw new CliError(`--${name}`, 'only applies with --loss l2');
    }
  } else if (given.grad !== undefined) {
    throw new CliError('--grad', 'only applies with --loss linear (l2 derives G from Y and the target)');
  }
  const dtype = oneOf(given, 'dtype', DTYPES, 'f64');
  const analyticDx = valueOf(given, 'analytic-dx');
  const analyticDw = valueOf(given, 'analytic-dw');
  const inject = injectArg(valueOf(given, 'inject'));
  if (inject !== undefined && (analyticDx !== undefined || analyticDw !== undefined)) {
    throw new CliError('--inject', 'checks the injected gradients; it cannot be combined with --analytic-dx/--analytic-dw');
  }
  return {
    x,
    ...(npz === undefined ? {} : { npz }),
    ...(session === undefined ? {} : { session }),
    explicit: Object.keys(given).filter((name) => given[name] !== undefined),
    w: kernelArg(valueOf(given, 'w') ?? DEFAULT_KERNEL),
    bias: valueOf(given, 'bias'),
    loss,
    grad: gradArg(valueOf(given, 'grad') ?? 'ones'),
    target: targetArg(valueOf(given, 'target') ?? 'zeros'),
    activation: oneOf(given, 'activation', ACTIVATIONS, 'identity'),
    imageMode: oneOf<ImageMode>(given, 'image-mode', ['luma', 'rgb', 'r', 'g', 'b'], 'luma'),
    conv: {
      op: oneOf(given, 'op', OPS, DEFAULT_CONV.op),
      padding: parsed(given, 'padding', paddingArg, DEFAULT_CONV.padding),
      paddingMode: oneOf(given, 'padding-mode', PADDING_MODES, DEFAULT_CONV.paddingMode),
      stride: parsed(given, 'stride', (text) => pairArg('--stride', text), DEFAULT_CONV.stride),
      dilation: parsed(given, 'dilation', (text) => pairArg('--dilation', text), DEFAULT_CONV.dilation),
    },
    dtype,
    method: oneOf(given, 'method', FD_METHODS, 'central'),
    h: stepArg(given),
    analyticDx,
    analyticDw,
    ...(inject === undefined ? {} : { inject }),
    out: valueOf(given, 'out'),
    json: flag(given, 'json'),
    maxElements: parsed(given, 'max-elements', (text) => integerIn('--max-elements', text, RANGES.maxElements, 'the element limit'), DEFAULT_MAX_ELEMENTS),
  };
}

/** --h where given, the default step elsewhere. */
export function stepArg(given: Given): number {
  return parsed(given, 'h', (text) => positiveNumber('--h', text), DEFAULT_STEP);
}

/** A seed for random directions or samples: an integer >= 0. */
export function seedArg(given: Given, fallback: number): number {
  return parsed(given, 'seed', (text) => integerIn('--seed', text, RANGES.seed, 'the seed'), fallback);
}

function injectArg(value: string | undefined): BugName | undefined {
  if (value === undefined || isBugName(value)) return value;
  throw new CliError('--inject', `unknown bug '${value}'; one of ${BUG_NAMES.join(', ')}`);
}

/** The kernel as a report and an error message name it: its file or its preset. */
export function kernelLabel(w: KernelArg): string {
  return w.kind === 'file' ? w.path : w.spec;
}

/** A value with a path separator or a dot is a file; anything else is a preset name (checked when it is built). */
function kernelArg(value: string): KernelArg {
  return /[./\\]/.test(value) && !value.startsWith('random:') ? { kind: 'file', path: value } : { kind: 'preset', spec: value };
}

function gradArg(value: string): GradArg {
  if (value === 'ones') return { kind: 'ones' };
  if (value === 'random') return { kind: 'random', seed: DEFAULT_SEED };
  if (value.startsWith('random:')) return { kind: 'random', seed: integerIn('--grad', value.slice('random:'.length), RANGES.seed, 'the seed') };
  return { kind: 'file', path: value };
}

function targetArg(value: string): TargetArg {
  return value === 'zeros' ? { kind: 'zeros' } : { kind: 'file', path: value };
}

function paddingArg(value: string): PaddingSize {
  if (value === 'seed' || value === 'valid' || value === 'same' || value === 'full') return value;
  const parts = value.split(',');
  if (parts.length !== 4) {
    throw new CliError('--padding', `must be seed|valid|same|full or T,B,L,R (four integers), got '${value}'`);
  }
  const [top, bottom, left, right] = parts.map((part) => integerIn('--padding', part, RANGES.padding));
  return [top, bottom, left, right];
}

/** `S` or `SH,SW`, each an integer >= 1. */
function pairArg(option: '--stride' | '--dilation', value: string): [number, number] {
  const parts = value.split(',');
  if (parts.length > 2) throw new CliError(option, `must be N or NH,NW, got '${value}'`);
  const range = option === '--stride' ? RANGES.stride : RANGES.dilation;
  const [first, second = first] = parts.map((part) => integerIn(option, part, range));
  return [first, second];
}
