// The app's jobs: analysis (Y and the VJPs) on every change of the problem, then the chunked
// numerical gradient. A generation counter makes every result that arrives after a newer
// request harmless: it is dropped, never shown. One analysis at a time is with the worker:
// requests made meanwhile wait, and only the latest of them is sent.
import * as Comlink from 'comlink';
import type { Problem, Tensor } from '../../core/problem/types';
import type { NpzBundle } from '../../formats/npz';
import type { GradientSubject } from '../../worker/discrepancy/discrepancy-protocol';
import type { CheckSettings } from '../../core/check/types';
import type { ChannelMode, InputLabels, NumericalProgress, NumericalResult, SubjectAnalysis } from '../../worker/compute/protocol';
import type { SpawnWorker, WorkerHandle } from '../lib/worker-handle';
import { problemForWorker } from '../lib/shared-problem';
import type { JobTiming, TimedReport } from '../lib/cost';

export type NumericalState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'running';
      /** When Run was pressed (performance.now()). */
      readonly startedAt: number;
      readonly progress: NumericalProgress | null;
      /** Every report of the job so far, in order: what the time left is estimated from. */
      readonly reports: readonly NumericalProgress[];
    }
  | { readonly status: 'cancelled' }
  | { readonly status: 'done'; readonly result: NonNullable<NumericalResult>; readonly elapsedMs: number };

export interface CheckRequest {
  readonly problem: Problem;
  readonly labels: InputLabels;
  readonly options: CheckSettings;
  /** Start the numerical job as soon as the analysis is in. */
  readonly autoNumerical: boolean;
  /** The gradient under test and the titles its maps get; ConvGrad's own VJP when absent. */
  readonly tested?: { readonly subject: GradientSubject; readonly titles: Readonly<Record<'dX' | 'dW', string>> };
}

/** Told how long the parts of a check took, to learn this machine's speed. */
export interface OnTimed {
  analysed(problem: Problem, ms: number): void;
  numerical(request: CheckRequest, timing: JobTiming): void;
}

/** Deaths in a row (with no answer in between) after which the worker is not started again. */
const MAX_RESTARTS = 3;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class CheckSession {
  analysis = $state.raw<SubjectAnalysis | undefined>(undefined);
  /** The request the shown analysis belongs to. */
  analysed = $state.raw<CheckRequest | undefined>(undefined);
  numerical = $state.raw<NumericalState>({ status: 'idle' });
  analysing = $state(false);
  /** Why the latest request could not be analysed; earlier results stay on screen. */
  error = $state<string | null>(null);
  /** Something the user should know that is not about their input (a restarted worker). */
  notice = $state<string | null>(null);

  #spawnWorker: SpawnWorker;
  #ontimed: OnTimed | undefined;
  #worker: WorkerHandle;
  #generation = 0;
  #nextJob = 0;
  #runningJob: number | null = null;
  #latest: CheckRequest | undefined;
  /**
   * The worker an analysis was sent to and not answered yet. The worker computes an analysis
   * without a break, so each one sent runs to its end: a 3000×2000 photo's with a 15×15 kernel
   * takes seconds, and editing K, L and the seed would otherwise queue three that are thrown away.
   */
  #analysingOn: WorkerHandle | undefined;
  #deathsInARow = 0;

  constructor(spawnWorker: SpawnWorker, ontimed?: OnTimed) {
    this.#spawnWorker = spawnWorker;
    this.#ontimed = ontimed;
    this.#worker = this.#spawn();
  }

  #spawn(): WorkerHandle {
    return this.#spawnWorker((message) => this.#replaceWorker(message));
  }

  #replaceWorker(message: string): void {
    this.#worker.terminate();
    this.#runningJob = null;
    this.#analysingOn = undefined;
    this.analysing = false;
    // A worker that cannot even start would otherwise be restarted forever.
    if (++this.#deathsInARow > MAX_RESTARTS) {
      this.notice = `The computation worker failed ${MAX_RESTARTS + 1} times in a row (${message}); reload the window to try again.`;
      return;
    }
    this.#worker = this.#spawn();
    this.notice = `The computation worker failed (${message}) and was restarted.`;
    if (this.#latest) this.request(this.#latest);
  }

  /** Analyses a new problem, once the analysis the worker is busy with is over; cancels whatever numerical job is running. */
  request(req: CheckRequest): void {
    ++this.#generation;
    this.#latest = req;
    this.cancelNumerical();
    this.analysing = true;
    if (!this.#analysingOn) this.#analyse(req);
  }

  #analyse(req: CheckRequest): void {
    const generation = this.#generation;
    const worker = this.#worker;
    this.#analysingOn = worker;
    const answered = () => {
      if (this.#analysingOn !== worker) return;
      this.#analysingOn = undefined;
      // Requests that came meanwhile: the latest is analysed now, the others never.
      if (generation !== this.#generation && this.#latest) this.#analyse(this.#latest);
    };
    worker.api.analyze(problemForWorker(req.problem), req.labels, req.tested?.subject).then(
      (analysis) => {
        this.#deathsInARow = 0;
        answered();
        if (generation !== this.#generation) return;
        this.analysis = analysis;
        this.analysed = req;
        this.numerical = { status: 'idle' };
        this.error = null;
        this.analysing = false;
        if (req.autoNumerical) this.runNumerical();
        this.#ontimed?.analysed(req.problem, analysis.timings_ms.forward + analysis.timings_ms.vjp);
      },
      (error) => {
        answered();
        if (generation !== this.#generation) return;
        this.error = messageOf(error);
        this.analysing = false;
      },
    );
  }

  /** Computes the numerical gradients of the analysed problem, reporting progress. */
  runNumerical(): void {
    const req = this.analysed;
    if (!req || this.#runningJob !== null) return;
    const generation = this.#generation;
    const job = ++this.#nextJob;
    this.#runningJob = job;
    const started = performance.now();
    this.numerical = { status: 'running', startedAt: started, progress: null, reports: [] };
    const reports: TimedReport[] = [];
    // The same reports for the job bar; appended to, never copied (a long job sends thousands).
    const shown: NumericalProgress[] = [];
    let elapsedMs = 0;
    const onProgress = Comlink.proxy((progress: NumericalProgress) => {
      elapsedMs = progress.elapsedMs;
      reports.push({ progress, atMs: performance.now() - started });
      shown.push(progress);
      if (this.#runningJob === job) this.numerical = { status: 'running', startedAt: started, progress, reports: shown };
    });
    this.#worker.api.numerical(job, problemForWorker(req.problem), req.labels, req.options, onProgress, req.tested?.subject).then(
      (result) => {
        if (this.#runningJob === job) this.#runningJob = null;
        if (generation !== this.#generation) return;
        this.numerical = result ? { status: 'done', result, elapsedMs } : { status: 'cancelled' };
        if (result) this.#ontimed?.numerical(req, { reports, wallMs: performance.now() - started });
      },
      (error) => {
        if (this.#runningJob === job) this.#runningJob = null;
        if (generation !== this.#generation) return;
        this.numerical = { status: 'idle' };
        this.error = messageOf(error);
      },
    );
  }

  cancelNumerical(): void {
    if (this.#runningJob === null) return;
    this.#worker.api.cancel(this.#runningJob);
    this.#runningJob = null;
    this.numerical = { status: 'cancelled' };
  }

  /** `maxElements`: the app's element limit (the default budget when unset). */
  loadImage(bytes: ArrayBuffer, fileName: string, mode: ChannelMode, maxElements?: number): Promise<Tensor> {
    return this.#worker.api.loadImage(Comlink.transfer(bytes, [bytes]), fileName, mode, maxElements);
  }

  loadArray(bytes: ArrayBuffer, fileName: string, maxElements?: number): Promise<Tensor> {
    return this.#worker.api.loadArray(Comlink.transfer(bytes, [bytes]), fileName, maxElements);
  }

  loadNpz(bytes: ArrayBuffer, fileName: string): Promise<NpzBundle> {
    return this.#worker.api.loadNpz(Comlink.transfer(bytes, [bytes]), fileName);
  }

  dispose(): void {
    this.#worker.terminate();
  }
}
