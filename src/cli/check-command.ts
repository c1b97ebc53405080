// `convgrad check`: one gradient check (or, with --compare-dtypes, the same check in f64 and f32).
// Its files are read while the check's own modules (check-run.ts: the core, the pipeline, the
// report) load: reading is I/O and the first touch of fresh memory, loading is compiling on this
// thread, so a cold start waits for the longer of the two instead of both in turn.

import type { CliOptions } from './check-args';
import type { Output } from './exit-status';
import { loadProblem, type LoadedProblem } from './load-problem';

/** The problem of a check (from its options, a .npz or a session), with the options as they apply. */
export async function loadChecked<T extends CliOptions>(given: T): Promise<{ loaded: LoadedProblem; options: T }> {
  // Imported only for a session: it brings the zip package.
  const loaded = given.session !== undefined ? await (await import('./load-session')).loadSession(given) : await loadProblem(given);
  // A .npz or a session fills in inputs and settings the command line left out.
  return { loaded, options: { ...given, ...loaded.options } };
}

export async function checkCommand(given: CliOptions, stdout: Output): Promise<number> {
  const [{ loaded, options }, { checkLoaded }] = await Promise.all([loadChecked(given), import('./check-run')]);
  return checkLoaded(loaded, options, stdout);
}
