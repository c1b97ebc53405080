// What every verdict badge says, so the main panel and the discrepancy panel never word one
// verdict two ways (an inconclusive check once read FAIL in the panel).
import type { ElementVerdict, Verdict } from '../../core/problem/types';

export const VERDICT_BADGES: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', 'not checked': 'NOT CHECKED' };

/** The badge's CSS class: verdicts with a space ('not checked') become one token. */
export function verdictClass(verdict: Verdict | ElementVerdict): string {
  return verdict.replace(' ', '-');
}
