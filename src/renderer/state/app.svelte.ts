// The window's state, shared with every component through Svelte context: the problem being
// asked, the check session running it, this machine's speed and the view of the maps.
import { createContext, untrack } from 'svelte';
import type { GradientName, GradientSummary } from '../../core/problem/types';
import type { SpawnWorker } from '../lib/worker-handle';
import { CheckSession } from './check-session.svelte';
import { MachineSpeed, type SpeedStore } from './machine-speed.svelte';
import { ProblemState } from './problem.svelte';
import { UnderTestState } from './under-test.svelte';
import { ViewState } from './view.svelte';

/** The numerical job starts by itself when estimated to take less than this. */
export const AUTO_SECONDS = 15;

export class AppState {
  readonly speed: MachineSpeed;
  readonly check: CheckSession;
  readonly problem: ProblemState;
  readonly underTest = new UnderTestState();
  readonly view: ViewState;

  /** `helpers`: the compute worker's pool size; `storage` keeps the speed learnt between launches. */
  constructor(spawnWorker: SpawnWorker, helpers = 1, storage?: SpeedStore) {
    this.speed = new MachineSpeed(helpers, storage);
    this.check = new CheckSession(spawnWorker, {
      analysed: (problem, ms) => this.speed.learnAnalysis(problem, ms),
      numerical: (request, timing) => this.speed.learnJob(request.problem, request.options.method, timing),
    });
    this.problem = new ProblemState({
      loadImage: (bytes, name, mode, maxElements) => this.check.loadImage(bytes, name, mode, maxElements),
      loadArray: (bytes, name, maxElements) => this.check.loadArray(bytes, name, maxElements),
      outputShape: () => this.check.analysis?.y.shape,
    });
    this.view = new ViewState(this.check, () => this.problem.imageCount);
  }

  /** The estimated cost of the problem on screen, in this machine's seconds. */
  readonly cost = $derived.by(() => this.speed.estimate(this.problem.ready?.problem, this.problem.numericSettings.method));

  /**
   * Whether the results on screen no longer match the inputs: a file is loading, a setting is
   * invalid, or the problem or the check's options changed since the shown analysis was asked
   * for (until the new one arrives). The verdict is then marked stale, never shown as current.
   */
  readonly stale = $derived.by(() => {
    const shown = this.check.analysed;
    const ready = this.problem.ready;
    if (!shown) return false;
    return this.problem.loading || !ready || this.check.analysing || shown.problem !== ready.problem || shown.options !== this.problem.options;
  });

  /** The summaries of the last verdict computed, kept while a newer one is on its way. */
  #kept: Partial<Record<GradientName, GradientSummary>> | undefined;

  /**
   * The verdict to show: the current one, or else the last one computed, which is then marked
   * stale (never shown as current) until the new one replaces it.
   */
  readonly verdict = $derived.by(() => {
    const compared = this.view.compared;
    if (compared) {
      this.#kept = Object.fromEntries(Object.entries(compared).map(([name, c]) => [name, c.summary]));
      return { summaries: this.#kept, stale: this.stale };
    }
    return { summaries: this.#kept, stale: this.#kept !== undefined };
  });

  /** Why nothing new can be shown: a problem that cannot be built, or one the worker rejected. */
  readonly error = $derived.by(() => this.problem.error ?? this.check.error);

  /**
   * Analyses the current problem with the current options (reading both, so an effect calling
   * this follows them); the numerical job starts by itself when it is quick enough.
   */
  follow(): void {
    const request = this.problem.ready;
    const options = this.problem.options;
    const underTest = this.underTest;
    const tested = underTest.other ? { subject: underTest.subject, titles: { dX: underTest.title('dX'), dW: underTest.title('dW') } } : undefined;
    if (!request) return;
    untrack(() => {
      const autoNumerical = this.problem.numericSettings.auto && (this.cost?.numericalSeconds ?? Infinity) <= AUTO_SECONDS;
      this.check.request({ ...request, labels: { ...request.labels, ...underTest.labels }, options, autoNumerical, tested });
    });
  }

  dispose(): void {
    this.check.dispose();
  }
}

export const [getApp, setApp] = createContext<AppState>();
