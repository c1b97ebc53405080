// report.json: the stable, documented result of `convgrad check` (contract in docs/CLI.md).

import type { CheckResult } from '../worker/core/check';
import type { GradientName, GradientSummary, Problem } from '../worker/core/types';
import type { CliOptions, GradArg, KernelArg } from './args';

export interface ReportOptions {
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
  readonly atol: number;
  readonly rtol: number;
  readonly numerical: string;
  readonly reference: boolean;
  readonly image_mode: string;
}

export interface ReportInputs {
  readonly x: string;
  readonly w: string;
  readonly bias?: string;
  readonly grad?: string;
  readonly target?: string;
  readonly analytic_dx?: string;
  readonly analytic_dw?: string;
}

export interface Report {
  readonly verdict: 'pass' | 'fail';
  readonly gradients: Partial<Record<GradientName, GradientSummary>>;
  readonly shapes: { readonly x: number[]; readonly w: number[]; readonly bias?: number[]; readonly y: number[] };
  readonly loss: number;
  readonly options: ReportOptions;
  readonly timings_ms: CheckResult['timings_ms'];
  readonly directional?: CheckResult['directional'];
  readonly inputs: ReportInputs;
  readonly version: string;
}

export function buildReport(result: CheckResult, problem: Problem, options: CliOptions, version: string): Report {
  return {
    verdict: result.verdict,
    gradients: result.summaries,
    shapes: {
      x: [...problem.x.shape],
      w: [...problem.w.shape],
      ...(problem.bias ? { bias: [...problem.bias.shape] } : {}),
      y: [...result.y.shape],
    },
    loss: result.loss,
    options: reportOptions(options),
    timings_ms: result.timings_ms,
    ...(result.directional ? { directional: result.directional } : {}),
    inputs: reportInputs(options),
    version,
  };
}

function reportOptions(options: CliOptions): ReportOptions {
  const { conv, tolerance } = options;
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
    atol: tolerance.atol,
    rtol: tolerance.rtol,
    numerical: options.numerical,
    reference: options.reference,
    image_mode: options.imageMode,
  };
}

function gradLabel(grad: GradArg): string {
  return grad.kind === 'random' ? `random:${grad.seed}` : grad.kind;
}

function reportInputs(options: CliOptions): ReportInputs {
  const { grad, target } = options;
  return {
    x: options.x,
    w: kernelLabel(options.w),
    ...(options.bias !== undefined ? { bias: options.bias } : {}),
    ...(options.loss === 'linear' && grad.kind === 'file' ? { grad: grad.path } : {}),
    ...(options.loss === 'l2' && target.kind === 'file' ? { target: target.path } : {}),
    ...(options.analyticDx !== undefined ? { analytic_dx: options.analyticDx } : {}),
    ...(options.analyticDw !== undefined ? { analytic_dw: options.analyticDw } : {}),
  };
}

export function kernelLabel(w: KernelArg): string {
  return w.kind === 'file' ? w.path : w.spec;
}

/** JSON has no NaN or Infinity: they are written as the strings "NaN", "Infinity" and "-Infinity". */
export function reportToJson(report: Report): string {
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2);
}
