// `convgrad <argv>` as a function from arguments to an exit status, so it can be tested in-process.

import { InputError } from '../core/problem/errors';
import { parseArgs } from './args';
import { checkCommand } from './check-command';
import { CliError, errorLine } from './cli-error';
import { EXIT, type Output } from './exit-status';
import { subjectLabel } from './load-problem';
import type { ProblemArgs } from './problem-args';
import { sweepCommand } from './sweep-command';
import { usage } from './usage';

export async function runCli(argv: readonly string[], stdout: Output, stderr: Output): Promise<number> {
  let options: ProblemArgs | undefined;
  try {
    const command = parseArgs(argv);
    if (command.kind === 'help') {
      stdout.write(usage(command.command));
      return EXIT.pass;
    }
    options = command.options;
    return command.kind === 'check' ? await checkCommand(command.options, stdout) : await sweepCommand(command.options, stdout);
  } catch (error) {
    if (error instanceof CliError) {
      stderr.write(`convgrad: ${error.line}\n`);
      return EXIT.badInput;
    }
    if (error instanceof InputError) {
      const subject = options ? subjectLabel(error.subject, options) : '';
      stderr.write(`convgrad: ${errorLine(subject, error.message)}\n`);
      return EXIT.badInput;
    }
    stderr.write(`convgrad: internal error: ${oneLine(error)}\n`);
    if (process.env.CONVGRAD_DEBUG && error instanceof Error) stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s*\n\s*/g, ' ');
}
