// This machine's speed, learnt from the jobs that ran, so estimates are in its seconds.
import type { Problem } from '../../core/problem/types';
import { DEFAULT_THROUGHPUT, estimateCost, measuredThroughput, type CostEstimate, type Throughput } from '../lib/cost';
import { costOf } from '../lib/problem-size';
import type { CheckCost } from '../../core/check/cost';

/** Runs shorter than these are dominated by start-up costs and would mislead. */
const MIN_MS: Record<keyof Throughput, number> = { analyze: 20, numerical: 1000 };

export class MachineSpeed {
  throughput = $state.raw<Throughput>(DEFAULT_THROUGHPUT);

  estimate(work: CheckCost | undefined): CostEstimate | undefined {
    return work ? estimateCost(work, this.throughput) : undefined;
  }

  /** Takes in that `part` of `problem` took `ms` milliseconds. */
  learn(problem: Problem, part: keyof Throughput, ms: number): void {
    if (ms < MIN_MS[part]) return;
    const counted = costOf(problem);
    if (counted) this.throughput = measuredThroughput(this.throughput, estimateCost(counted, DEFAULT_THROUGHPUT), part, ms);
  }
}
