/** How far a numerical job is, in units of work (so that done / total moves with time). */
export interface NumericalProgress {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

/**
 * A job's first moments are mostly fixed costs (starting helpers, copying the problem, Y), so
 * time left is shown only once this share of the work and this much time have passed, and the
 * rate is measured over at least `spanMs` of reports after the first one.
 */
export const TIME_LEFT_AFTER = { fraction: 0.03, ms: 1000, spanMs: 500 } as const;

/**
 * A stretch of a job's progress whose units cost the same: `units` of them, each expected to take
 * `cost` ms. The app's job does the taps first, then the pixels (pooled-numerical.ts), whose
 * units can cost differently on a machine, and differently again on a large image (a tap streams
 * all of Y and the input, which a small image keeps in cache).
 */
export interface ProgressPhase {
  readonly units: number;
  readonly cost: number;
}

/**
 * How far the pace seen in one phase is trusted for the phases after it: the model's cost of a
 * later phase, at most this factor either way from what the current phase's pace says of it.
 */
const PACE_CARRIED = 2;

/** Where progress `done` is in expected time: the cost of the phases up to it. */
function expectedAt(done: number, phases: readonly ProgressPhase[]): number {
  let left = done;
  let at = 0;
  for (const { units, cost } of phases) {
    const here = Math.min(left, units);
    at += here * cost;
    left -= here;
  }
  // Past the phases (they are the model's; reports count the worker's units): at the last cost.
  return at + left * (phases[phases.length - 1]?.cost ?? 1);
}

/**
 * How fast expected time passes lately, per ms, from a job's progress reports in order: over
 * the last half of the time since the first report (at least TIME_LEFT_AFTER.spanMs), so start-up
 * does not count and a change of pace is followed within a few seconds. Undefined until reports
 * span that long.
 */
export function recentRate(reports: readonly NumericalProgress[], phases: readonly ProgressPhase[] = []): number | undefined {
  if (reports.length < 2) return undefined;
  const first = reports[0];
  const last = reports[reports.length - 1];
  const span = last.elapsedMs - first.elapsedMs;
  if (span < TIME_LEFT_AFTER.spanMs) return undefined;
  const from = last.elapsedMs - Math.max(TIME_LEFT_AFTER.spanMs, span / 2);
  // The last report at or before `from`, so the window is at least that long.
  let ref = first;
  for (const r of reports) if (r.elapsedMs <= from) ref = r;
  const rate = (expectedAt(last.done, phases) - expectedAt(ref.done, phases)) / (last.elapsedMs - ref.elapsedMs);
  return rate > 0 ? rate : undefined;
}

/** Where the phase that progress `done` is in ends, in units (the total past the phases). */
function phaseEnd(done: number, total: number, phases: readonly ProgressPhase[]): number {
  let end = 0;
  for (const { units } of phases) {
    end += units;
    if (done < end) return Math.min(end, total);
  }
  return total;
}

/**
 * Milliseconds left for a job whose reports so far are `reports` (in order): the rest of the
 * current phase at the recent pace, the later phases at their expected cost (`phases`) corrected
 * by that pace by at most PACE_CARRIED either way, plus `finishMs` for what follows the last
 * element (comparison, results). Without phases, all the work left at the recent rate. Undefined
 * while it cannot be estimated: under TIME_LEFT_AFTER's share of the work and time, or without a rate.
 */
export function timeLeftMs(reports: readonly NumericalProgress[], finishMs = 0, phases: readonly ProgressPhase[] = []): number | undefined {
  const last = reports[reports.length - 1];
  if (!last || last.total <= 0 || last.done / last.total < TIME_LEFT_AFTER.fraction || last.elapsedMs < TIME_LEFT_AFTER.ms) return undefined;
  const pace = recentRate(reports, phases);
  if (pace === undefined) return undefined;
  const end = phaseEnd(last.done, last.total, phases);
  const current = (expectedAt(end, phases) - expectedAt(last.done, phases)) / pace;
  const later = expectedAt(last.total, phases) - expectedAt(end, phases);
  const carried = phases.length > 0 ? Math.min(PACE_CARRIED, Math.max(1 / PACE_CARRIED, pace)) : pace;
  return current + later / carried + finishMs;
}
