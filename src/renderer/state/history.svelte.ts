// Undo and redo of the problem's inputs and settings: every change of a panel's settings or of
// an opened file is a step; quick successive changes (typing a number) are one step.
import { untrack } from 'svelte';
import { INPUT_KEYS, SETTINGS_KEYS, type ProblemInputs, type ProblemState } from './problem.svelte';
/** Changes closer together than this merge into one step. */
const MERGE_MS = 700;
const MAX_STEPS = 100;

interface Snapshot {
  readonly settings: string;
  readonly inputs: Omit<ProblemInputs, 'settings'>;
}

export class History {
  canUndo = $state(false);
  canRedo = $state(false);
  readonly #problem: ProblemState;
  #undo: Snapshot[] = [];
  #redo: Snapshot[] = [];
  #current: Snapshot | undefined;
  #applying = false;
  #last = 0;

  constructor(problem: ProblemState) {
    this.#problem = problem;
  }

  /** Starts recording; returns the function that stops it. */
  track(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const snapshot = this.#take();
        untrack(() => this.#record(snapshot));
      });
    });
  }

  undo(): void {
    this.#step(this.#undo, this.#redo);
  }

  redo(): void {
    this.#step(this.#redo, this.#undo);
  }

  #take(): Snapshot {
    const problem = this.#problem;
    return {
      settings: JSON.stringify(SETTINGS_KEYS.map((key) => $state.snapshot(problem[key]))),
      inputs: Object.fromEntries(INPUT_KEYS.map((key) => [key, problem[key]])) as Snapshot['inputs'],
    };
  }

  #record(snapshot: Snapshot): void {
    const current = this.#current;
    this.#current = snapshot;
    if (this.#applying) {
      this.#applying = false;
      return;
    }
    // Nothing to go back to before the first input is on screen (the start-up sample loading).
    if (!current || current.inputs.source === undefined || same(current, snapshot)) return;
    const now = Date.now();
    if (now - this.#last > MERGE_MS || this.#undo.length === 0) this.#undo = [...this.#undo, current].slice(-MAX_STEPS);
    this.#last = now;
    this.#redo = [];
    this.#flags();
  }

  #step(from: Snapshot[], to: Snapshot[]): void {
    const target = from.pop();
    if (!target || !this.#current) return;
    to.push(this.#current);
    this.#applying = true;
    this.#last = 0;
    const settings = JSON.parse(target.settings) as object[];
    this.#problem.replaceInputs({ settings: Object.fromEntries(SETTINGS_KEYS.map((key, i) => [key, settings[i]])), ...target.inputs });
    this.#flags();
  }

  #flags(): void {
    this.canUndo = this.#undo.length > 0;
    this.canRedo = this.#redo.length > 0;
  }
}

function same(a: Snapshot, b: Snapshot): boolean {
  return a.settings === b.settings && INPUT_KEYS.every((key) => a.inputs[key] === b.inputs[key]);
}
