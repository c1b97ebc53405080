// `convgrad <argv>` as a function from arguments to an exit status, so it can be tested in-process.

import { InputError } from '../core/problem/errors';
import { parseArgs } from './args';
import { CliError, errorLine } from './cli-error';
import { EXIT, type Output } from './exit-status';
import type { ProblemArgs } from './problem-args';
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
    // The commands (the core, the file formats) load only when asked for, so `--help` starts at once.
    if (command.kind === 'check') return await (await import('./check-command')).checkCommand(command.options, stdout);
    return await (await import('./sweep-command')).sweepCommand(command.options, stdout);
  } catch (error) {
    if (error instanceof CliError) {
      stderr.write(`convgrad: ${error.line}\n`);
      return EXIT.badInput;
    }
    if (error instanceof InputError) {
      const subject = options ? (await import('./load-problem')).subjectLabel(error.subject, options) : '';
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
