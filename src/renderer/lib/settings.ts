// The inputs panel's settings as plain, form-friendly values, and their translation into the
// core's Problem. Numbers come from <input type=number> and may be null while being edited;
// the core rejects bad values with a message naming the option.
import { DEFAULT_MAX_ELEMENTS } from '../../core/problem/budget';
import { DEFAULT_STEP, defaultTolerance, DEFAULT_CONV } from '../../core/problem/defaults';
import { kernelPreset } from '../../core/problem/presets';
import type { Activation, ConvOptions, DType, FdMethod, KinkConvention, LossSpec, Op, PaddingMode, Tensor } from '../../core/problem/types';
import type { ChannelMode } from '../../worker/compute/protocol';
import type { DownscaleFactor } from './resample';

export interface ImageSettings {
  channelMode: ChannelMode;
  factor: DownscaleFactor;
  crop: boolean;
  cropTop: number;
  cropLeft: number;
  cropHeight: number;
  cropWidth: number;
}

export type KernelSource = 'preset' | 'custom';

export interface KernelSettings {
  source: KernelSource;
  preset: string;
  randomK: number;
  randomL: number;
  randomSeed: number;
  bias: boolean;
  biasValue: number;
}

export type PaddingChoice = 'seed' | 'valid' | 'same' | 'full' | 'explicit';

export interface ConvSettings {
  op: Op;
  padding: PaddingChoice;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  paddingMode: PaddingMode;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
}

export type GradChoice = 'ones' | 'random' | 'file';
export type TargetChoice = 'zeros' | 'file';

export interface LossSettings {
  kind: 'linear' | 'l2';
  grad: GradChoice;
  gradSeed: number;
  activation: Activation;
  target: TargetChoice;
  /** How an element whose difference crosses ReLU's kink (with a target there) is judged. */
  kinkConvention: KinkConvention;
}

export interface NumericSettings {
  dtype: DType;
  method: FdMethod;
  h: number;
  atol: number;
  rtol: number;
  /** Start the numerical job without a click when it is estimated to be quick. */
  auto: boolean;
  /** h is a base step, scaled per gradient by its values and shrunk per element where truncation dominates (the CLI without --h). */
  autoStep: boolean;
  /** The element budget of files and derived buffers (the CLI's --max-elements); the default when unset or out of range. */
  maxElements?: number;
}

/** A user's array file, kept with its name for error messages. */
export interface NamedTensor {
  readonly name: string;
  readonly tensor: Tensor;
}

export const RANDOM_PRESET = 'random';

export function initialImageSettings(): ImageSettings {
  return { channelMode: 'luma', factor: 1, crop: false, cropTop: 0, cropLeft: 0, cropHeight: 128, cropWidth: 128 };
}

export function initialKernelSettings(): KernelSettings {
  return { source: 'preset', preset: 'sobel-x', randomK: 3, randomL: 3, randomSeed: 0, bias: false, biasValue: 0 };
}

export function initialConvSettings(): ConvSettings {
  return {
    op: DEFAULT_CONV.op,
    padding: 'seed',
    padTop: 1,
    padBottom: 1,
    padLeft: 1,
    padRight: 1,
    paddingMode: DEFAULT_CONV.paddingMode,
    strideH: DEFAULT_CONV.stride[0],
    strideW: DEFAULT_CONV.stride[1],
    dilationH: DEFAULT_CONV.dilation[0],
    dilationW: DEFAULT_CONV.dilation[1],
  };
}

/**
 * A random G by default: with G = ones dL/dX is blank inside the image (each pixel sums all taps of
 * a derivative kernel) and dL/dW one value everywhere; a random G gives every map structure.
 */
export function initialLossSettings(): LossSettings {
  return { kind: 'linear', grad: 'random', gradSeed: 0, activation: 'identity', target: 'zeros', kinkConvention: 'zero' };
}

export function numericDefaults(dtype: DType): NumericSettings {
  const tol = defaultTolerance(dtype);
  return { dtype, method: 'central', h: DEFAULT_STEP, atol: tol.atol, rtol: tol.rtol, auto: true, autoStep: true, maxElements: DEFAULT_MAX_ELEMENTS };
}

/** The preset spec the core understands, e.g. 'sobel-x' or 'random:5x5:3'. */
function presetSpec(s: KernelSettings): string {
  return s.preset === RANDOM_PRESET ? `random:${s.randomK}x${s.randomL}:${s.randomSeed}` : s.preset;
}

/** The kernel for X with `channels` channels: the preset expanded per channel, or the user's own. */
export function kernelOf(s: KernelSettings, channels: number, custom: Tensor | undefined): Tensor {
  if (s.source === 'custom' && custom) return custom;
  return kernelPreset(presetSpec(s), channels);
}

/** Output channels of a kernel: (K,L) has one, (Cout,Cin,K,L) has Cout. */
function outputChannels(w: Tensor): number {
  return w.shape.length === 4 ? w.shape[0] : 1;
}

/** Input channels of X: (H,W) has one, (C,H,W) and (N,C,H,W) have C. */
export function inputChannels(x: Tensor): number {
  return x.shape.length >= 3 ? x.shape[x.shape.length - 3] : 1;
}

export function biasOf(s: KernelSettings, w: Tensor): Tensor | undefined {
  if (!s.bias) return undefined;
  return { shape: [outputChannels(w)], data: new Float64Array(outputChannels(w)).fill(s.biasValue) };
}

export function convOptionsOf(s: ConvSettings): ConvOptions {
  return {
    op: s.op,
    padding: s.padding === 'explicit' ? [s.padTop, s.padBottom, s.padLeft, s.padRight] : s.padding,
    paddingMode: s.paddingMode,
    stride: [s.strideH, s.strideW],
    dilation: [s.dilationH, s.dilationW],
  };
}

/**
 * The loss, or a message saying which file is still missing. `grad` and `target` are the
 * user's arrays for G and T when the settings ask for a file.
 */
export function lossOf(s: LossSettings, grad: NamedTensor | undefined, target: NamedTensor | undefined): LossSpec | string {
  if (s.kind === 'linear') {
    if (s.grad === 'ones') return { kind: 'linear', grad: { kind: 'ones' } };
    if (s.grad === 'random') return { kind: 'linear', grad: { kind: 'random', seed: s.gradSeed } };
    if (!grad) return 'open a file for the upstream gradient G';
    return { kind: 'linear', grad: { kind: 'array', value: grad.tensor } };
  }
  if (s.target === 'zeros') return { kind: 'l2', activation: s.activation, target: { kind: 'zeros' } };
  if (!target) return 'open a file for the target T';
  return { kind: 'l2', activation: s.activation, target: { kind: 'array', value: target.tensor } };
}
