/** How far a numerical job is, in output evaluations (so that done / total moves with time). */
export interface NumericalProgress {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}
