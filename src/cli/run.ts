// `convgrad <argv>` as a function from arguments to an exit status, so it can be tested in-process.

import { CliError, errorLine } from './cli-error';
import { EXIT, type Output } from './exit-status';
import { readArgs } from './grammar';
import type { ProblemArgs } from './problem-args';

export async function runCli(argv: readonly string[], stdout: Output, stderr: Output): Promise<number> {
  let options: ProblemArgs | undefined;
  try {
    const read = readArgs(argv);
    // Everything else loads only when asked for: `--help` reads its text and nothing of the core,
    // the formats or the commands, so it starts as fast as Node does.
    if (read.kind === 'help') {
      stdout.write((await import('./usage')).usage(read.command));
      return EXIT.pass;
    }
    const command = (await import('./args')).resolveArgs(read);
    options = command.options;
    if (command.kind === 'check') return await (await import('./check-command')).checkCommand(command.options, stdout);
    if (command.kind === 'render') return await (await import('./render-command')).renderCommand(command.options, stdout);
    return await (await import('./sweep-command')).sweepCommand(command.options, stdout);
  } catch (error) {
    if (error instanceof CliError) {
      stderr.write(`convgrad: ${error.line}\n`);
      return EXIT.badInput;
    }
    const { InputError } = await import('../core/problem/errors');
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
