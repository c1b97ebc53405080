// Undo and redo of the problem's inputs and settings: every change of a panel's settings or of
// an opened file is a step; quick successive changes (typing a number) are one step.
import { untrack } from 'svelte';
import type { ProblemState } from './problem.svelte';
import { SETTINGS_KEYS } from './session-io.svelte';

const INPUTS = ['source', 'imageFile', 'customKernel', 'gradFile', 'targetFile'] as const;
/** Changes closer together than this merge into one step. */
const MERGE_MS = 700;
const MAX_STEPS = 100;

interface Snapshot {
  readonly settings: string;
  readonly inputs: readonly unknown[];
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
      inputs: INPUTS.map((key) => problem[key]),
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
    if (!current || current.inputs[0] === undefined || same(current, snapshot)) return;
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
    const problem = this.#problem;
    const settings = JSON.parse(target.settings) as object[];
    SETTINGS_KEYS.forEach((key, i) => Object.assign(problem[key], settings[i]));
    INPUTS.forEach((key, i) => ((problem as unknown as Record<string, unknown>)[key] = target.inputs[i]));
    this.#flags();
  }

  #flags(): void {
    this.canUndo = this.#undo.length > 0;
    this.canRedo = this.#redo.length > 0;
  }
}

function same(a: Snapshot, b: Snapshot): boolean {
  return a.settings === b.settings && a.inputs.every((v, i) => v === b.inputs[i]);
}
