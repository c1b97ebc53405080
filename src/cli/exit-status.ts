// What a command hands back to the shell, and where it writes.

import type { Verdict } from '../core/problem/types';

export const EXIT = { pass: 0, fail: 1, badInput: 2, internal: 3, inconclusive: 4 } as const;

/** A check's exit status: 0 pass (and 'not checked', which claims nothing), 1 fail, 4 inconclusive. */
export const EXIT_OF_VERDICT: Readonly<Record<Verdict, number>> = { pass: EXIT.pass, 'not checked': EXIT.pass, fail: EXIT.fail, inconclusive: EXIT.inconclusive };

export interface Output {
  write(text: string): unknown;
}
