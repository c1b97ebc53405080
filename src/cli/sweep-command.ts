// `convgrad sweep`: the finite-difference error against the step h, and optionally the Taylor test.

import { stepSweep, taylorTest } from '../core/study/sweep';
import { EXIT, type Output } from './exit-status';
import { loadProblem } from './load-problem';
import { packageVersion } from './package-version';
import { reportJson, SWEEP_FILE } from '../export/report';
import { buildSweepReport } from './report';
import type { SweepCliOptions } from './sweep-args';
import { sweepCsv, SWEEP_CSV_FILE } from './sweep-csv';
import { formatSweepSummary } from './sweep-summary';
import { gradientsUnderTest } from './under-test';
import { writeResultSet } from './write-results';

export async function sweepCommand(options: SweepCliOptions, stdout: Output): Promise<number> {
  const loaded = await loadProblem(options);
  const { problem } = loaded;
  const { analytic, bug } = gradientsUnderTest(problem, loaded.analytic, options.inject);
  const given = analytic ? { analytic } : {};
  const sweep = stepSweep(problem, { method: options.method, hs: options.hs, h: options.h, elements: options.elements, seed: options.seed, ...given });
  const taylor = options.taylor ? taylorTest(problem, { hs: options.hs, seed: options.seed, ...given }) : undefined;
  const report = buildSweepReport(sweep, taylor, problem, options, await packageVersion(), bug);
  const json = reportJson(report);
  if (options.out !== undefined) {
    await writeResultSet(options.out, new Map([[SWEEP_FILE, json + '\n'], [SWEEP_CSV_FILE, sweepCsv(sweep)]]));
  }
  // A sweep measures; it has no verdict, so even a wrong gradient (a floor under the curve) exits 0.
  stdout.write(options.json ? json + '\n' : formatSweepSummary(report, options.out));
  return EXIT.pass;
}
