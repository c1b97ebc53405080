// Command-line parsing: argv in, the command with fully resolved options out (core defaults filled in).
// Pure: no file access; files are only named here and read later.

import { CHECK_FLAGS, CHECK_VALUE_OPTIONS, resolveCheck, type CliOptions } from './check-args';
import { CliError } from './cli-error';
import type { Given } from './option-values';
import { resolveSweep, SWEEP_FLAGS, SWEEP_VALUE_OPTIONS, type SweepCliOptions } from './sweep-args';

export type CommandName = 'check' | 'sweep';

export type Command =
  | { readonly kind: 'help'; readonly command?: CommandName }
  | { readonly kind: 'check'; readonly options: CliOptions }
  | { readonly kind: 'sweep'; readonly options: SweepCliOptions };

interface Grammar {
  readonly values: readonly string[];
  readonly flags: readonly string[];
}

const GRAMMARS: Record<CommandName, Grammar> = {
  check: { values: CHECK_VALUE_OPTIONS, flags: CHECK_FLAGS },
  sweep: { values: SWEEP_VALUE_OPTIONS, flags: SWEEP_FLAGS },
};

/** Parses `convgrad <argv>`; throws CliError for anything malformed. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === '--help' || command === 'help') return { kind: 'help' };
  if (command === undefined) throw new CliError('', "missing command (usage: convgrad check|sweep --x FILE ...; see 'convgrad --help')");
  if (command !== 'check' && command !== 'sweep') throw new CliError('', `unknown command '${command}' (the commands are 'check' and 'sweep')`);
  const given = collect(rest, command);
  if (given.help) return { kind: 'help', command };
  return command === 'check' ? { kind: 'check', options: resolveCheck(given) } : { kind: 'sweep', options: resolveSweep(given) };
}

function collect(argv: readonly string[], command: CommandName): Given {
  const { values, flags } = GRAMMARS[command];
  const given: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new CliError('', `unexpected argument '${arg}' (options start with --)`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const option = `--${name}`;
    if (flags.includes(name)) {
      if (inline !== undefined) throw new CliError(option, 'takes no value');
      if (given[name]) throw new CliError(option, 'given more than once');
      given[name] = true;
    } else if (values.includes(name)) {
      if (given[name] !== undefined) throw new CliError(option, 'given more than once');
      // A following option is not taken as the value: `--x --json` lacks the file (write --x=--json for that file).
      const value = inline ?? (argv[i + 1]?.startsWith('--') ? undefined : argv[++i]);
      if (value === undefined) throw new CliError(option, 'missing value');
      given[name] = value;
    } else {
      throw new CliError(option, `unknown option (see 'convgrad ${command} --help')`);
    }
  }
  return given;
}
