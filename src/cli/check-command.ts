// `convgrad check`: one gradient check (or, with --compare-dtypes, the same check in f64 and f32).

import type { CheckOptions, CheckPlan, CheckResult } from '../core/check/check';
import { runPipeline } from '../core/check/pipeline';
import type { DType } from '../core/problem/types';
import type { CliOptions, PrecisionSettings } from './check-args';
import { EXIT_OF_VERDICT, type Output } from './exit-status';
import { loadProblem, type LoadedProblem } from './load-problem';
import { defaultThreads, NumericalPool } from './numerical-pool';
import { packageVersion } from './package-version';
import { reportJson } from '../export/report';
import { resultFiles } from '../export/result-files';
import { buildReport } from './report';
import { formatSummary } from './summary';
import { gradientsUnderTest, type UnderTest } from './under-test';
import { writeResultSet } from './write-results';

/** The problem of a check (from its options, a .npz or a session), with the options as they apply. */
export async function loadChecked<T extends CliOptions>(given: T): Promise<{ loaded: LoadedProblem; options: T }> {
  // Imported only for a session: it brings the zip package.
  const loaded = given.session !== undefined ? await (await import('./load-session')).loadSession(given) : await loadProblem(given);
  // A .npz or a session fills in inputs and settings the command line left out.
  return { loaded, options: { ...given, ...loaded.options } };
}

export async function checkCommand(given: CliOptions, stdout: Output): Promise<number> {
  const { loaded, options } = await loadChecked(given);
  const main = await checkIn(loaded, options, options.dtype, { h: options.h, tolerance: options.tolerance });
  const f32 = options.precision && (await checkIn(loaded, options, 'f32', options.precision.f32));
  const report = buildReport(main.result, loaded.problem, options, await packageVersion(), { bug: main.underTest.bug, f32: f32?.result });
  const json = reportJson(report);
  // Results are written before anything is printed, so a failed write is reported instead of a summary.
  if (options.out !== undefined) await writeResultSet(options.out, resultFiles(main.result, json));
  stdout.write(options.json ? json + '\n' : formatSummary(report, options.out));
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
