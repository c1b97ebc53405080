// The parts report.json (check) and sweep.json (sweep) share: the problem's options, its inputs and
// shapes, the injected bug, and the JSON writing of non-finite numbers.

import type { BugInfo } from '../core/study/inject';
import type { Problem } from '../core/problem/types';
import type { GradArg, KernelArg, ProblemArgs } from './problem-args';

export interface ProblemReportOptions {
  readonly op: string;
  readonly padding: string | readonly number[];
  readonly padding_mode: string;
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly dtype: string;
  readonly loss: string;
  /** Linear loss only: 'ones', 'random:SEED' or 'file'. */
  readonly grad?: string;
  /** l2 loss only. */
  readonly activation?: string;
  /** l2 loss only: 'zeros' or 'file'. */
  readonly target?: string;
  readonly method: string;
  readonly h: number;
  readonly image_mode: string;
}

export interface ReportInputs {
  /** X's file, or `NPZ:key` for an array read from --npz. */
  readonly x: string;
  readonly npz?: string;
  readonly w: string;
  readonly bias?: string;
  readonly grad?: string;
  readonly target?: string;
  readonly analytic_dx?: string;
  readonly analytic_dw?: string;
}

export interface InputShapes {
  readonly x: number[];
  readonly w: number[];
  readonly bias?: number[];
}

/** The injected bug as the reports describe it (the catalogue's text, see docs/DISCREPANCIES.md). */
export interface InjectReport {
  readonly name: string;
  readonly title: string;
  readonly explanation: string;
  readonly error_map: string;
}

export function problemReportOptions(options: ProblemArgs): ProblemReportOptions {
  const { conv } = options;
  const lossOptions =
    options.loss === 'linear'
      ? { grad: gradLabel(options.grad) }
      : { activation: options.activation, target: options.target.kind === 'zeros' ? 'zeros' : 'file' };
  return {
    op: conv.op,
    padding: typeof conv.padding === 'string' ? conv.padding : [...conv.padding],
    padding_mode: conv.paddingMode,
    stride: [...conv.stride],
    dilation: [...conv.dilation],
    dtype: options.dtype,
    loss: options.loss,
    ...lossOptions,
    method: options.method,
    h: options.h,
    image_mode: options.imageMode,
  };
}

function gradLabel(grad: GradArg): string {
  return grad.kind === 'random' ? `random:${grad.seed}` : grad.kind;
}

export function reportInputs(options: ProblemArgs): ReportInputs {
  const { grad, target } = options;
  return {
    x: options.x ?? '',
    ...(options.npz !== undefined ? { npz: options.npz } : {}),
    w: kernelLabel(options.w),
    ...(options.bias !== undefined ? { bias: options.bias } : {}),
    ...(options.loss === 'linear' && grad.kind === 'file' ? { grad: grad.path } : {}),
    ...(options.loss === 'l2' && target.kind === 'file' ? { target: target.path } : {}),
    ...(options.analyticDx !== undefined ? { analytic_dx: options.analyticDx } : {}),
    ...(options.analyticDw !== undefined ? { analytic_dw: options.analyticDw } : {}),
  };
}

export function inputShapes(problem: Problem): InputShapes {
  return {
    x: [...problem.x.shape],
    w: [...problem.w.shape],
    ...(problem.bias ? { bias: [...problem.bias.shape] } : {}),
  };
}

export function injectReport(bug: BugInfo): InjectReport {
  return { name: bug.name, title: bug.title, explanation: bug.explanation, error_map: bug.errorMap };
}

export function kernelLabel(w: KernelArg): string {
  return w.kind === 'file' ? w.path : w.spec;
}

/** JSON has no NaN or Infinity: they are written as the strings "NaN", "Infinity" and "-Infinity". */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}
