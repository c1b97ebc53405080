// What a heatmap outlines on top of its pixels, in its own data coordinates.
import type { Cell, Window } from './receptive';

export interface Overlay {
  /** The pixel under the pointer. */
  readonly hover?: Cell;
  /** Pixels linked to the hovered one on another map (readers or taps). */
  readonly linked?: readonly Cell[];
  /** The kernel window of a hovered output, possibly reaching into the padding. */
  readonly window?: Window;
  /** The element picked in the verdict panel. */
  readonly marked?: Cell;
  /** Where the diagnosis says the gradient is wrong (error maps). */
  readonly footprint?: readonly Window[];
}
