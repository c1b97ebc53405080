// "Export results…": the result set `convgrad check --out` writes for the same problem (the same
// file names, report.json with the same contract, docs/CLI.md), as one zip.
import { version } from '../../../package.json';
import type { Analysis } from '../../core/conv/analyze';
import { verdictOf } from '../../core/check/check';
import type { GradientName, GradientSummary, Problem, Tensor } from '../../core/problem/types';
import { resultFiles, zipFiles } from '../../export';
import type { GradientComparison } from '../../worker/compute/protocol';
import type { CheckSettings } from '../../core/check/types';

type Compared = Partial<Record<GradientName, GradientComparison>>;

export interface ResultsInput {
  readonly problem: Problem;
  readonly options: CheckSettings;
  readonly analysis: Analysis;
  /** The numerical comparison; absent until the numerical job has run. */
  readonly compared?: Compared;
  readonly numericalMs?: number;
  /** Where the inputs came from, as report.json names them: file names, or the kernel preset. */
  readonly inputs: { readonly x: string; readonly w: string; readonly grad?: string; readonly target?: string };
  readonly imageMode: string;
}

function pick<T>(compared: Compared, field: (c: GradientComparison) => T): Partial<Record<GradientName, T>> {
  return Object.fromEntries(Object.entries(compared).map(([name, c]) => [name, field(c!)])) as Partial<Record<GradientName, T>>;
}

function lossOptions(loss: Problem['loss']): Record<string, string> {
  if (loss.kind === 'linear') {
    const { grad } = loss;
    return { grad: grad.kind === 'array' ? 'file' : grad.kind === 'random' ? `random:${grad.seed}` : 'ones' };
  }
  return { activation: loss.activation, target: loss.target.kind === 'array' ? 'file' : 'zeros' };
}

/** report.json for the problem on screen, the contract of `convgrad check` (docs/CLI.md). */
export function appReport(input: ResultsInput): Record<string, unknown> {
  const { problem, options, analysis, compared } = input;
  const { conv } = problem;
  const summaries: Partial<Record<GradientName, GradientSummary>> = compared ? pick(compared, (c) => c.summary) : {};
  const shape = (t: Tensor) => [...t.shape];
  return {
    verdict: verdictOf(Object.values(summaries), [], compared !== undefined),
    gradients: summaries,
    shapes: { x: shape(problem.x), w: shape(problem.w), ...(problem.bias ? { bias: shape(problem.bias) } : {}), y: shape(analysis.y) },
    loss: analysis.loss,
    options: {
      op: conv.op,
      padding: typeof conv.padding === 'string' ? conv.padding : [...conv.padding],
      padding_mode: conv.paddingMode,
      stride: [...conv.stride],
      dilation: [...conv.dilation],
      dtype: problem.dtype,
      loss: problem.loss.kind,
      ...lossOptions(problem.loss),
      method: options.method,
      h: options.h,
      image_mode: input.imageMode,
      atol: options.tolerance.atol,
      rtol: options.tolerance.rtol,
      numerical: compared ? 'full' : 'none',
      reference: false,
      kink_convention: options.kinkConvention ?? 'zero',
      h_auto: options.autoStep ?? false,
    },
    timings_ms: { ...analysis.timings_ms, numerical: input.numericalMs ?? 0 },
    inputs: {
      x: input.inputs.x,
      w: input.inputs.w,
      ...(problem.bias ? { bias: 'bias' } : {}),
      ...(input.inputs.grad !== undefined ? { grad: input.inputs.grad } : {}),
      ...(input.inputs.target !== undefined ? { target: input.inputs.target } : {}),
    },
    version,
  };
}

/** JSON has no NaN or Infinity: written as strings, as the CLI writes them. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}

/** The result set's files: Y, the analytic gradients and, once computed, the numerical ones and their errors. */
export function resultsFileSet(input: ResultsInput): Map<string, Uint8Array | string> {
  const { analysis, compared } = input;
  const analytic = { dX: analysis.dX, dW: analysis.dW, ...(analysis.db ? { db: analysis.db } : {}) };
  return resultFiles(
    {
      y: analysis.y,
      analytic,
      ...(compared
        ? {
            numerical: pick(compared, (c) => c.numerical),
            error: pick(compared, (c) => c.error),
            errbars: Object.fromEntries(Object.entries(compared).flatMap(([name, c]) => (c?.errbar ? [[name, c.errbar]] : []))),
          }
        : {}),
    },
    toJson(appReport(input)),
  );
}

export function resultsArchive(input: ResultsInput): Uint8Array {
  return zipFiles(resultsFileSet(input));
}
