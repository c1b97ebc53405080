// This machine's speed, learnt from the jobs that ran, so estimates are in its seconds. It is
// kept between launches (localStorage, as the settings), so a machine's first estimate of the
// day is already its own.
import type { FdMethod, Problem } from '../../core/problem/types';
import { DEFAULT_SPEED, estimateCost, learnAnalysis, learnFromJob, parseSpeed, type CostEstimate, type JobTiming, type Speed } from '../lib/cost';
import { costOf } from '../lib/problem-size';

export const SPEED_KEY = 'convgrad.speed.v1';

/** What is used of localStorage. */
export interface SpeedStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** An analysis shorter than this is dominated by fixed costs and would mislead. */
const MIN_ANALYSIS_MS = 20;

export class MachineSpeed {
  speed = $state.raw<Speed>(DEFAULT_SPEED);
  readonly #storage: SpeedStore | undefined;

  /** `helpers`: how many helper workers a numerical job runs on (the compute worker's pool size). */
  constructor(
    readonly helpers: number,
    storage?: SpeedStore,
  ) {
    this.#storage = storage;
    this.speed = parseSpeed(storage?.getItem(SPEED_KEY) ?? null) ?? DEFAULT_SPEED;
  }

  estimate(problem: Problem | undefined, method: FdMethod): CostEstimate | undefined {
    const counted = problem && costOf(problem);
    return counted && estimateCost(counted.sizes[method], this.speed, this.helpers);
  }

  /** Takes in how long the analysis of `problem` took. */
  learnAnalysis(problem: Problem, ms: number): void {
    const counted = costOf(problem);
    if (counted && ms >= MIN_ANALYSIS_MS) this.#set(learnAnalysis(this.speed, counted.cost, ms));
  }

  /** Takes in how the numerical job of `problem` with `method` went. */
  learnJob(problem: Problem, method: FdMethod, timing: JobTiming): void {
    const counted = costOf(problem);
    if (counted) this.#set(learnFromJob(this.speed, counted.sizes[method], timing, this.helpers));
  }

  #set(speed: Speed): void {
    this.speed = speed;
    try {
      this.#storage?.setItem(SPEED_KEY, JSON.stringify(speed));
    } catch {
      // Storage full or disabled: the speed is then learnt again next time.
    }
  }
}
