// "Export results…": the result set `convgrad check --out` writes for the same problem (the same
// file names, report.json mapped by the same code, src/export/report.ts), as one zip.
import { version } from '../../../package.json';
import type { Analysis } from '../../core/conv/analyze';
import { verdictOf } from '../../core/check/check';
import type { CheckSettings, GradientsUnderTest } from '../../core/check/types';
import type { Diagnoses } from '../../core/diagnosis';
import type { GradientName, Problem } from '../../core/problem/types';
import type { BugInfo } from '../../core/study/inject';
import { checkReport, reportJson, resultFiles, zipFiles, type CheckOutcome, type ReportInputs } from '../../export';
import type { ImageMode } from '../../formats/image';
import type { GradientComparison } from '../../worker/compute/protocol';

type Compared = Partial<Record<GradientName, GradientComparison>>;

export interface ResultsInput {
  readonly problem: Problem;
  readonly options: CheckSettings;
  /** Y and ConvGrad's VJP, and the gradients under test where they are not that VJP. */
  readonly analysis: Analysis & { readonly tested?: GradientsUnderTest };
  /** The numerical comparison; absent until the numerical job has run. */
  readonly compared?: Compared;
  readonly numericalMs?: number;
  /** Where the inputs came from, as report.json names them: file names, or the kernel preset. */
  readonly inputs: ReportInputs;
  readonly imageMode: ImageMode;
  /** The injected bug under test. */
  readonly bug?: BugInfo;
}

function pick<T>(compared: Compared, field: (c: GradientComparison) => T | undefined): Partial<Record<GradientName, T>> {
  return Object.fromEntries(Object.entries(compared).flatMap(([name, c]) => (field(c!) === undefined ? [] : [[name, field(c!)]])));
}

/** What the app holds of the check on screen, as report.json reads a check's result. */
function outcomeOf({ analysis, compared, numericalMs }: ResultsInput): CheckOutcome {
  const summaries = compared ? pick(compared, (c) => c.summary) : {};
  return {
    verdict: verdictOf(Object.values(summaries), [], compared !== undefined),
    summaries,
    diagnosis: compared ? (pick(compared, (c) => c.diagnosis) as Diagnoses) : {},
    y: analysis.y,
    loss: analysis.loss,
    timings_ms: { ...analysis.timings_ms, numerical: numericalMs ?? 0 },
  };
}

/** report.json for the problem on screen: the contract of `convgrad check` (docs/CLI.md). */
export function appReport(input: ResultsInput): string {
  const { options } = input;
  const check = { settings: options, numerical: input.compared ? 'full' : 'none', reference: false } as const;
  return reportJson(checkReport(input.problem, outcomeOf(input), check, { inputs: input.inputs, imageMode: input.imageMode, version, ...(input.bug ? { bug: input.bug } : {}) }));
}

/** The result set's files: Y, the gradients checked and, once computed, the numerical ones, their errors and error bars. */
export function resultsFileSet(input: ResultsInput): Map<string, Uint8Array | string> {
  const { analysis, compared } = input;
  const { tested } = analysis;
  // dX.npy is what was checked, as the CLI writes it: the gradient under test where there is one.
  const analytic = { dX: tested?.dX ?? analysis.dX, dW: tested?.dW ?? analysis.dW, ...(analysis.db ? { db: analysis.db } : {}) };
  return resultFiles(
    {
      y: analysis.y,
      analytic,
      ...(compared
        ? {
            numerical: pick(compared, (c) => c.numerical),
            error: pick(compared, (c) => c.error),
            errbars: pick(compared, (c) => c.errbar),
          }
        : {}),
    },
    appReport(input),
  );
}

export function resultsArchive(input: ResultsInput): Uint8Array {
  return zipFiles(resultsFileSet(input));
}
