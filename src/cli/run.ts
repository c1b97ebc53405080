// `convgrad <argv>` as a function from arguments to an exit status, so it can be tested in-process.

import { readFile } from 'node:fs/promises';
import { runCheck } from '../worker/core/check';
import { InputError } from '../worker/core/errors';
import { parseArgs, type CliOptions } from './args';
import { CliError } from './cli-error';
import { loadProblem, subjectLabel } from './load-problem';
import { buildReport, reportToJson } from './report';
import { resultFiles } from './result-files';
import { formatSummary } from './summary';
import { USAGE } from './usage';
import { writeResultSet } from './write-results';

export const EXIT = { pass: 0, fail: 1, badInput: 2, internal: 3 } as const;

export interface Output {
  write(text: string): unknown;
}

export async function runCli(argv: readonly string[], stdout: Output, stderr: Output): Promise<number> {
  let options: CliOptions | undefined;
  try {
    const command = parseArgs(argv);
    if (command.kind === 'help') {
      stdout.write(USAGE);
      return EXIT.pass;
    }
    options = command.options;
    return await check(options, stdout);
  } catch (error) {
    if (error instanceof CliError) {
      stderr.write(`convgrad: ${error.line}\n`);
      return EXIT.badInput;
    }
    if (error instanceof InputError) {
      const subject = options ? subjectLabel(error.subject, options) : '';
      stderr.write(`convgrad: ${subject ? `${subject}: ` : ''}${error.message}\n`);
      return EXIT.badInput;
    }
    stderr.write(`convgrad: internal error: ${oneLine(error)}\n`);
    if (process.env.CONVGRAD_DEBUG && error instanceof Error) stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
}

async function check(options: CliOptions, stdout: Output): Promise<number> {
  const { problem, check: checkOptions } = await loadProblem(options);
  const result = runCheck(problem, checkOptions);
  const report = buildReport(result, problem, options, await packageVersion());
  const json = reportToJson(report);
  // Results are written before anything is printed, so a failed write is reported instead of a summary.
  if (options.out !== undefined) await writeResultSet(options.out, resultFiles(result, json));
  stdout.write(options.json ? json + '\n' : formatSummary(report, options.out));
  return report.verdict === 'pass' ? EXIT.pass : EXIT.fail;
}

async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s*\n\s*/g, ' ');
}
