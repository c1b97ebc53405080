// This machine's speed, learnt from the jobs that ran, so estimates are in its seconds. It is
// kept between launches (localStorage, as the settings), so a machine's first estimate of the
// day is already its own.
import { SvelteSet } from 'svelte/reactivity';
import type { DType, FdMethod, Problem } from '../../core/problem/types';
import { DEFAULT_SPEED, estimateCost, learnAnalysis, learnFromJob, parseSpeed, type CostEstimate, type JobSize, type JobTiming, type Speed } from '../lib/cost';
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
  /** The dtypes whose helpers have run a job on this page: a job of another dtype starts its own first. */
  readonly #started = new SvelteSet<DType>();

  /** `helpers`: how many helper workers a numerical job runs on (the compute worker's pool size). */
  constructor(
    readonly helpers: number,
    storage?: SpeedStore,
  ) {
    this.#storage = storage;
    this.speed = parseSpeed(storage?.getItem(SPEED_KEY) ?? null) ?? DEFAULT_SPEED;
  }

  estimate(problem: Problem | undefined, method: FdMethod): CostEstimate | undefined {
    const size = problem && this.#sizeOf(problem, method);
    return size && estimateCost(size, this.speed, this.helpers);
  }

  #sizeOf(problem: Problem, method: FdMethod): JobSize | undefined {
    const counted = costOf(problem);
    return counted && { ...counted.sizes[method], coldStart: !this.#started.has(problem.dtype) };
  }

  /** Takes in how long the analysis of `problem` took. */
  learnAnalysis(problem: Problem, ms: number): void {
    const counted = costOf(problem);
    if (counted && ms >= MIN_ANALYSIS_MS) this.#set(learnAnalysis(this.speed, counted.cost, ms));
  }

  /** Takes in how the numerical job of `problem` with `method` went. */
  learnJob(problem: Problem, method: FdMethod, timing: JobTiming): void {
    const size = this.#sizeOf(problem, method);
    if (size) this.#set(learnFromJob(this.speed, size, timing, this.helpers));
    this.#started.add(problem.dtype);
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
