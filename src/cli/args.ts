// Command-line parsing: argv in, the command with fully resolved options out (core defaults filled in).
// Pure: no file access; files are only named here and read later. Reading argv into options is
// grammar.ts's, which `--help` needs alone.

import { resolveCheck, type CliOptions } from './check-args';
import { readArgs, type CommandArgs, type CommandName } from './grammar';
import { resolveRender, type RenderCliOptions } from './render-args';
import { resolveSweep, type SweepCliOptions } from './sweep-args';

export type ResolvedCommand =
  | { readonly kind: 'check'; readonly options: CliOptions }
  | { readonly kind: 'sweep'; readonly options: SweepCliOptions }
  | { readonly kind: 'render'; readonly options: RenderCliOptions };

export type Command = { readonly kind: 'help'; readonly command?: CommandName } | ResolvedCommand;

/** Parses `convgrad <argv>`; throws CliError for anything malformed. */
export function parseArgs(argv: readonly string[]): Command {
  const read = readArgs(argv);
  return read.kind === 'help' ? read : resolveArgs(read);
}

/** A command read from argv with its options resolved. */
export function resolveArgs(read: CommandArgs): ResolvedCommand {
  switch (read.kind) {
    case 'check':
      return { kind: 'check', options: resolveCheck(read.given) };
    case 'sweep':
      return { kind: 'sweep', options: resolveSweep(read.given) };
    case 'render':
      return { kind: 'render', options: resolveRender(read.given) };
  }
}
