// The check of a loaded problem, as `convgrad check` runs it (check-command.ts reads the files):
// the pipeline on the thread pool, then report.json, the summary and the result files.

import type { CheckOptions, CheckPlan, CheckResult } from '../core/check/check';
import { runPipeline } from '../core/check/pipeline';
import type { DType } from '../core/problem/types';
import type { CliOptions, PrecisionSettings } from './check-args';
import { EXIT_OF_VERDICT, type Output } from './exit-status';
import type { LoadedProblem } from './load-problem';
import { defaultThreads, NumericalPool } from './numerical-pool';
import { packageVersion } from './package-version';
import { reportJson } from '../export/report';
import { resultFiles } from '../export/result-files';
import { buildReport } from './report';
import { gradientsUnderTest, type UnderTest } from './under-test';

/** Checks `loaded`, prints the summary or report.json and writes the result set; the exit status of its verdict. */
export async function checkLoaded(loaded: LoadedProblem, options: CliOptions, stdout: Output): Promise<number> {
  const main = await checkIn(loaded, options, options.dtype, { h: options.h, tolerance: options.tolerance });
  const f32 = options.precision && (await checkIn(loaded, options, 'f32', options.precision.f32));
  const report = buildReport(main.result, loaded.problem, options, await packageVersion(), { bug: main.underTest.bug, f32: f32?.result });
  const json = reportJson(report);
  // Results are written before anything is printed, so a failed write is reported instead of a
  // summary. The writer (and node:crypto, for its temporary names) loads only for --out, the
  // summary only when it is printed.
  if (options.out !== undefined) await (await import('./write-results')).writeResultSet(options.out, resultFiles(main.result, json));
  stdout.write(options.json ? json + '\n' : (await import('./summary')).formatSummary(report, options.out));
  return EXIT_OF_VERDICT[report.verdict];
}

interface DtypeCheck {
  readonly result: CheckResult;
  /** What the check computed besides the result: ConvGrad's own VJP, the gradients under test as checked. */
  readonly plan: CheckPlan;
  readonly underTest: UnderTest;
}

/** The check of `loaded` in `dtype`, as `convgrad check` runs it. */
export async function checkIn(loaded: LoadedProblem, options: CliOptions, dtype: DType, settings: PrecisionSettings): Promise<DtypeCheck> {
  const problem = { ...loaded.problem, dtype };
  const underTest = gradientsUnderTest(problem, loaded.analytic, options.inject);
  const check: CheckOptions = {
    numerical: options.numerical,
    reference: options.reference,
    method: options.method,
    ...(options.stepGiven ? { h: settings.h } : {}),
    kinkConvention: options.kinkConvention,
    ...(options.toleranceGiven ? { tolerance: settings.tolerance } : {}),
    ...(underTest.analytic ? { analytic: underTest.analytic } : {}),
    ...(options.fast ?? {}),
  };
  // Started now, so the threads set up while this one computes Y and the VJP.
  const pool = NumericalPool.start(problem, check, defaultThreads());
  try {
    // A thread-pool filler never cancels, so the pipeline always finishes.
    const run = (await runPipeline(problem, check, pool.filler))!;
    return { result: run.result, plan: run.plan, underTest };
  } finally {
    pool.close();
  }
}
