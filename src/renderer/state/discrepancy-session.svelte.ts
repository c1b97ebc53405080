// The discrepancy panel's jobs, on a worker of their own so a long sweep never holds up the
// main check. One job runs at a time; results of an older problem are dropped when they arrive.
import * as Comlink from 'comlink';
import type { SweepResult, TaylorResult } from '../../core/study/sweep';
import type { Problem, Tensor } from '../../core/problem/types';
import type { BugChoice, DiscrepancyWorkerApi, GradientSubject, PrecisionPair, QuickCheck, SubjectCheck, SweepSettings } from '../../worker/discrepancy/discrepancy-protocol';
import type { CheckSettings } from '../../core/check/types';
import type { InputLabels, NumericalProgress } from '../../worker/compute/protocol';
import type { SpawnWorker, WorkerHandle } from '../lib/worker-handle';

export type JobKind = 'check' | 'precision' | 'sweep' | 'taylor' | 'quick';

/** A result with the name of what was under test when it was computed. */
export interface Labelled<T> {
  readonly tested: string;
  readonly value: T;
}

export interface Running {
  readonly kind: JobKind;
  readonly progress: NumericalProgress | null;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class DiscrepancySession {
  menu = $state.raw<BugChoice[]>([]);
  check = $state.raw<Labelled<SubjectCheck> | undefined>();
  precision = $state.raw<Labelled<PrecisionPair> | undefined>();
  sweep = $state.raw<Labelled<SweepResult> | undefined>();
  taylor = $state.raw<Labelled<TaylorResult> | undefined>();
  quick = $state.raw<Labelled<QuickCheck> | undefined>();
  running = $state.raw<Running | null>(null);
  error = $state<string | null>(null);

  #spawnWorker: SpawnWorker<DiscrepancyWorkerApi>;
  /** Started on first use, so a closed panel costs nothing. */
  #handle: WorkerHandle<DiscrepancyWorkerApi> | undefined;
  #generation = 0;
  #nextJob = 0;
  #job: number | null = null;

  constructor(spawnWorker: SpawnWorker<DiscrepancyWorkerApi>) {
    this.#spawnWorker = spawnWorker;
  }

  get #worker(): WorkerHandle<DiscrepancyWorkerApi> {
    this.#handle ??= this.#spawn();
    return this.#handle;
  }

  #spawn(): WorkerHandle<DiscrepancyWorkerApi> {
    return this.#spawnWorker((message) => {
      this.#handle?.terminate();
      this.#handle = undefined;
      this.#generation++;
      this.#job = null;
      this.running = null;
      this.error = `The discrepancy worker failed (${message}) and was restarted.`;
    });
  }

  /** A new problem: every result and the bug menu belong to the old one. */
  reset(problem: Problem, labels: InputLabels): void {
    this.cancel();
    const generation = ++this.#generation;
    this.clearResults();
    this.error = null;
    this.#worker.api.bugMenu(problem, labels).then(
      (menu) => {
        if (generation === this.#generation) this.menu = menu;
      },
      (error) => {
        if (generation === this.#generation) this.error = messageOf(error);
      },
    );
  }

  /** A new gradient under test: the results shown were about another one. */
  clearResults(): void {
    this.check = this.precision = this.sweep = this.taylor = this.quick = undefined;
  }

  async #run<T>(kind: JobKind, start: (job: number, onProgress: (p: NumericalProgress) => void) => Promise<T | null>, accept: (value: T) => void): Promise<void> {
    if (this.#job !== null) return;
    const generation = this.#generation;
    const job = ++this.#nextJob;
    this.#job = job;
    this.running = { kind, progress: null };
    this.error = null;
    const onProgress = Comlink.proxy((progress: NumericalProgress) => {
      if (this.#job === job) this.running = { kind, progress };
    });
    try {
      const value = await start(job, onProgress);
      if (generation === this.#generation && value !== null) accept(value);
    } catch (error) {
      if (generation === this.#generation) this.error = messageOf(error);
    } finally {
      if (this.#job === job) {
        this.#job = null;
        this.running = null;
      }
    }
  }

  runCheck(problem: Problem, labels: InputLabels, subject: GradientSubject, tested: string, settings: CheckSettings): Promise<void> {
    return this.#run(
      'check',
      (job, p) => this.#worker.api.checkSubject(job, problem, labels, subject, settings, p),
      (value) => (this.check = { tested, value }),
    );
  }

  /** Shows a check already computed elsewhere (the main check's) as this panel's result. */
  showCheck(tested: string, value: SubjectCheck): void {
    if (this.#job !== null) return;
    this.check = { tested, value };
    this.error = null;
  }

  runPrecision(problem: Problem, labels: InputLabels, subject: GradientSubject, tested: string, worst: number): Promise<void> {
    return this.#run(
      'precision',
      (job, p) => this.#worker.api.checkPrecisions(job, problem, labels, subject, worst, p),
      (value) => (this.precision = { tested, value }),
    );
  }

  runSweep(problem: Problem, labels: InputLabels, subject: GradientSubject, tested: string, settings: SweepSettings): Promise<void> {
    return this.#run(
      'sweep',
      (job, p) => this.#worker.api.sweep(job, problem, labels, subject, settings, p),
      (value) => (this.sweep = { tested, value }),
    );
  }

  runTaylor(problem: Problem, labels: InputLabels, subject: GradientSubject, tested: string, hs: readonly number[], seed: number): Promise<void> {
    return this.#run(
      'taylor',
      () => this.#worker.api.taylor(problem, labels, subject, hs, seed),
      (value) => (this.taylor = { tested, value }),
    );
  }

  runQuick(problem: Problem, labels: InputLabels, subject: GradientSubject, tested: string, settings: CheckSettings, directions: number, seed: number): Promise<void> {
    return this.#run(
      'quick',
      () => this.#worker.api.quickCheck(problem, labels, subject, settings, directions, seed),
      (value) => (this.quick = { tested, value }),
    );
  }

  cancel(): void {
    if (this.#job === null) return;
    this.#worker.api.cancelDiscrepancy(this.#job);
    this.#job = null;
    this.running = null;
  }

  loadArray(bytes: ArrayBuffer, fileName: string): Promise<Tensor> {
    return this.#worker.api.loadArray(Comlink.transfer(bytes, [bytes]), fileName);
  }

  dispose(): void {
    this.#handle?.terminate();
  }
}
