// The command line's words: the commands, the options and flags each takes, and argv read into
// them (`Given`) without a value being judged. Nothing from the core is imported, so `convgrad
// --help` knows it is asked for help, and prints usage.ts, before any of the core is loaded.

import { CliError } from './cli-error';
import type { Given } from './option-values';

export const COMMANDS = ['check', 'sweep', 'render'] as const;
export type CommandName = (typeof COMMANDS)[number];

const PROBLEM_VALUE_OPTIONS = [
  'x', 'npz', 'w', 'bias', 'grad', 'loss', 'target', 'activation', 'image-mode', 'op', 'padding', 'padding-mode',
  'stride', 'dilation', 'dtype', 'method', 'h', 'analytic-dx', 'analytic-dw', 'inject', 'out', 'max-elements',
] as const;
const PROBLEM_FLAGS = ['json', 'help'] as const;

const CHECK_VALUE_OPTIONS = [...PROBLEM_VALUE_OPTIONS, 'session', 'numerical', 'atol', 'rtol', 'directions', 'seed', 'kink-convention'];
const CHECK_FLAGS = [...PROBLEM_FLAGS, 'reference', 'compare-dtypes'];

const GRAMMARS: Record<CommandName, { readonly values: readonly string[]; readonly flags: readonly string[] }> = {
  check: { values: CHECK_VALUE_OPTIONS, flags: CHECK_FLAGS },
  sweep: { values: [...PROBLEM_VALUE_OPTIONS, 'hs', 'elements', 'seed'], flags: [...PROBLEM_FLAGS, 'taylor'] },
  // Every option of check, but no report (--json) and one dtype (--compare-dtypes draws nothing the app draws).
  render: {
    values: [...CHECK_VALUE_OPTIONS, 'maps', 'format', 'scale', 'plane', 'range'],
    flags: CHECK_FLAGS.filter((name) => name !== 'json' && name !== 'compare-dtypes'),
  },
};

/** A command with its options as given. */
export interface CommandArgs {
  readonly kind: CommandName;
  readonly given: Given;
}

/** What argv asks for: help (on one command or all), or a command. */
export type ReadArgs = { readonly kind: 'help'; readonly command?: CommandName } | CommandArgs;

/** Reads `convgrad <argv>` into its command and options; throws CliError for anything malformed. */
export function readArgs(argv: readonly string[]): ReadArgs {
  const [command, ...rest] = argv;
  if (command === '--help' || command === 'help') return { kind: 'help' };
  if (command === undefined) throw new CliError('', `missing command (usage: convgrad ${COMMANDS.join('|')} --x FILE ...; see 'convgrad --help')`);
  if (!isCommand(command)) throw new CliError('', `unknown command '${command}' (the commands are ${COMMANDS.map((c) => `'${c}'`).join(', ')})`);
  const given = collect(rest, command);
  return given.help ? { kind: 'help', command } : { kind: command, given };
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
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
