import type { Timing } from './timing';

/** Something ConvGrad's time is compared with. */
export interface Reference {
  readonly label: string;
  /** null when it could not be measured (reason in `note`). */
  readonly ms: number | null;
  readonly madds?: number;
  /** How the time was estimated when it was not timed in full (shown with ~); labels say "extrapolated" where it was. */
  readonly estimated?: string;
  readonly note?: string;
}

export interface Target {
  readonly text: string;
  /** null when the reference the target needs is missing. */
  readonly met: boolean | null;
  /** What the verdict was judged against. */
  readonly basis: string;
}

export interface ConvGradTiming extends Timing {
  readonly madds: number;
  readonly madd_per_ns: number;
  /** Median milliseconds of the parts the case is made of (e.g. forward and vjp). */
  readonly parts?: Record<string, number>;
}

/** One line of the table (plus continuation lines for further references). */
export interface Row {
  readonly id: string;
  /** The case's number in bench/cases/index.ts, from 1: `npm run bench -- <number>` measures that row alone. */
  readonly caseNumber?: number;
  readonly title: string;
  readonly convgrad?: ConvGradTiming;
  readonly references: Reference[];
  readonly target?: Target;
  /** Set for what cannot be measured yet: "needs: ...". */
  readonly notMeasured?: string;
  /** A figure measured by another harness (the e2e performance spec): the value and where it is from. */
  readonly measuredElsewhere?: { readonly value: string; readonly source: string };
  /** Set when the case crashed: the first line of its error. */
  readonly failed?: string;
  /** Checks that the fast result agrees with a straightforward one: name -> largest deviation. */
  readonly agreement?: Record<string, number>;
}

export function convgradTiming(timing: Timing, madds: number, parts?: Record<string, number>): ConvGradTiming {
  return { ...timing, madds, madd_per_ns: madds / (timing.median_ms * 1e6), ...(parts ? { parts } : {}) };
}
