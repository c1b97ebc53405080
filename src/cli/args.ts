// Command-line parsing for `convgrad check`: argv in, fully resolved options out (core defaults filled in).
// Pure: no file access; files are only named here and read later.

import { DEFAULT_CONV, defaultStep, defaultTolerance } from '../worker/core/defaults';
import type { Activation, ConvOptions, DType, FdMethod, PaddingMode, PaddingSize, Tolerance } from '../worker/core/types';
import type { ImageMode } from '../worker/formats/image';
import { CliError } from './cli-error';

export type NumericalMode = 'full' | 'fast' | 'none';

/** A kernel given by file or by preset name (see src/worker/core/presets.ts). */
export type KernelArg = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'preset'; readonly spec: string };
export type GradArg =
  | { readonly kind: 'ones' }
  | { readonly kind: 'random'; readonly seed: number }
  | { readonly kind: 'file'; readonly path: string };
export type TargetArg = { readonly kind: 'zeros' } | { readonly kind: 'file'; readonly path: string };

export interface CliOptions {
  readonly x: string;
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
  readonly numerical: NumericalMode;
  readonly reference: boolean;
  readonly tolerance: Tolerance;
  readonly analyticDx?: string;
  readonly analyticDw?: string;
  readonly out?: string;
  readonly json: boolean;
}

export type Command = { readonly kind: 'help' } | { readonly kind: 'check'; readonly options: CliOptions };

export const DEFAULT_KERNEL = 'sobel-x';
/** Seed of `--grad random` when none is given. */
export const DEFAULT_SEED = 0;

const VALUE_OPTIONS = [
  'x', 'w', 'bias', 'grad', 'loss', 'target', 'activation', 'image-mode', 'op', 'padding', 'padding-mode',
  'stride', 'dilation', 'dtype', 'method', 'h', 'numerical', 'atol', 'rtol', 'analytic-dx', 'analytic-dw', 'out',
] as const;
const FLAG_OPTIONS = ['reference', 'json', 'help'] as const;

type ValueOption = (typeof VALUE_OPTIONS)[number];
type FlagOption = (typeof FLAG_OPTIONS)[number];
type Given = Partial<Record<ValueOption, string>> & Partial<Record<FlagOption, true>>;

/** Parses `convgrad <argv>`; throws CliError for anything malformed. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === '--help' || command === 'help') return { kind: 'help' };
  if (command === undefined) throw new CliError('', "missing command (usage: convgrad check --x FILE ...; see 'convgrad --help')");
  if (command !== 'check') throw new CliError('', `unknown command '${command}' (the only command is 'check')`);
  const given = collect(rest);
  if (given.help) return { kind: 'help' };
  return { kind: 'check', options: resolve(given) };
}

function collect(argv: readonly string[]): Given {
  const given: Given = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new CliError('', `unexpected argument '${arg}' (options start with --)`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const option = `--${name}`;
    if (isFlag(name)) {
      if (inline !== undefined) throw new CliError(option, 'takes no value');
      if (given[name]) throw new CliError(option, 'given more than once');
      given[name] = true;
    } else if (isValueOption(name)) {
      if (given[name] !== undefined) throw new CliError(option, 'given more than once');
      // A following option is not taken as the value: `--x --json` lacks the file (write --x=--json for that file).
      const value = inline ?? (argv[i + 1]?.startsWith('--') ? undefined : argv[++i]);
      if (value === undefined) throw new CliError(option, 'missing value');
      given[name] = value;
    } else {
      throw new CliError(option, "unknown option (see 'convgrad check --help')");
    }
  }
  return given;
}

function isFlag(name: string): name is FlagOption {
  return (FLAG_OPTIONS as readonly string[]).includes(name);
}

function isValueOption(name: string): name is ValueOption {
  return (VALUE_OPTIONS as readonly string[]).includes(name);
}

function resolve(given: Given): CliOptions {
  const x = nonEmpty(given, 'x');
  if (x === undefined) throw new CliError('--x', 'required (the input array or image)');
  const loss = oneOf(given, 'loss', ['linear', 'l2'], 'linear');
  if (loss === 'linear') {
    for (const name of ['target', 'activation'] as const) {
      if (given[name] !== undefined) throw new CliError(`--${name}`, 'only applies with --loss l2');
    }
  } else if (given.grad !== undefined) {
    throw new CliError('--grad', 'only applies with --loss linear (l2 derives G from Y and the target)');
  }
  const dtype = oneOf(given, 'dtype', ['f64', 'f32'], 'f64');
  const numerical = oneOf(given, 'numerical', ['full', 'fast', 'none'], 'full');
  const analyticDx = nonEmpty(given, 'analytic-dx');
  const analyticDw = nonEmpty(given, 'analytic-dw');
  if (numerical === 'none' && (analyticDx !== undefined || analyticDw !== undefined)) {
    throw new CliError('--numerical', "'none' leaves nothing to check --analytic-dx/--analytic-dw against");
  }
  const tolerance = defaultTolerance(dtype);
  return {
    x,
    w: kernelArg(given.w ?? DEFAULT_KERNEL),
    bias: nonEmpty(given, 'bias'),
    loss,
    grad: gradArg(given.grad ?? 'ones'),
    target: targetArg(nonEmpty(given, 'target') ?? 'zeros'),
    activation: oneOf(given, 'activation', ['identity', 'relu', 'tanh', 'sigmoid'], 'identity'),
    imageMode: oneOf<ImageMode>(given, 'image-mode', ['luma', 'rgb', 'r', 'g', 'b'], 'luma'),
    conv: {
      op: oneOf(given, 'op', ['conv', 'xcorr'], DEFAULT_CONV.op),
      padding: given.padding === undefined ? DEFAULT_CONV.padding : paddingArg(given.padding),
      paddingMode: oneOf<PaddingMode>(given, 'padding-mode', ['zeros', 'reflect', 'replicate', 'circular'], DEFAULT_CONV.paddingMode),
      stride: given.stride === undefined ? DEFAULT_CONV.stride : pairArg('--stride', given.stride),
      dilation: given.dilation === undefined ? DEFAULT_CONV.dilation : pairArg('--dilation', given.dilation),
    },
    dtype,
    method: oneOf(given, 'method', ['central', 'forward', 'backward'], 'central'),
    h: given.h === undefined ? defaultStep(dtype) : positiveNumber('--h', given.h),
    numerical,
    reference: given.reference === true,
    tolerance: {
      atol: given.atol === undefined ? tolerance.atol : nonNegativeNumber('--atol', given.atol),
      rtol: given.rtol === undefined ? tolerance.rtol : nonNegativeNumber('--rtol', given.rtol),
    },
    analyticDx,
    analyticDw,
    out: nonEmpty(given, 'out'),
    json: given.json === true,
  };
}

function oneOf<T extends string>(given: Given, name: ValueOption, allowed: readonly T[], fallback: T): T {
  const value = given[name];
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name}`, `must be one of ${allowed.join('|')}, got '${value}'`);
}

function nonEmpty(given: Given, name: ValueOption): string | undefined {
  const value = given[name];
  if (value === '') throw new CliError(`--${name}`, 'empty value');
  return value;
}

/** A value with a path separator or a dot is a file; anything else is a preset name (checked when it is built). */
function kernelArg(value: string): KernelArg {
  if (value === '') throw new CliError('--w', 'empty value');
  return /[./\\]/.test(value) && !value.startsWith('random:') ? { kind: 'file', path: value } : { kind: 'preset', spec: value };
}

function gradArg(value: string): GradArg {
  if (value === '') throw new CliError('--grad', 'empty value');
  if (value === 'ones') return { kind: 'ones' };
  if (value === 'random') return { kind: 'random', seed: DEFAULT_SEED };
  if (value.startsWith('random:')) return { kind: 'random', seed: integer('--grad', value.slice('random:'.length), 'the seed') };
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
  const [top, bottom, left, right] = parts.map((part) => atLeast('--padding', part, 0));
  return [top, bottom, left, right];
}

/** `S` or `SH,SW`, each an integer >= 1. */
function pairArg(option: string, value: string): [number, number] {
  const parts = value.split(',');
  if (parts.length > 2) throw new CliError(option, `must be N or NH,NW, got '${value}'`);
  const [first, second = first] = parts.map((part) => atLeast(option, part, 1));
  return [first, second];
}

function atLeast(option: string, text: string, min: number): number {
  const value = integer(option, text, 'each value');
  if (value < min) throw new CliError(option, `must be >= ${min}, got ${value}`);
  return value;
}

function integer(option: string, text: string, what: string): number {
  const value = /^\s*[-+]?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) throw new CliError(option, `${what} must be an integer, got '${text}'`);
  return value;
}

function finiteNumber(option: string, text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new CliError(option, `must be a finite number, got '${text}'`);
  return value;
}

function positiveNumber(option: string, text: string): number {
  const value = finiteNumber(option, text);
  if (value <= 0) throw new CliError(option, `must be > 0, got ${text}`);
  return value;
}

function nonNegativeNumber(option: string, text: string): number {
  const value = finiteNumber(option, text);
  if (value < 0) throw new CliError(option, `must be >= 0, got ${text}`);
  return value;
}
