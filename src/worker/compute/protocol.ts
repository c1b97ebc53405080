// The contract between the renderer and the Comlink worker. Plain data only, so every
// value survives structured cloning; large arrays travel as transferred buffers.
import type { Analysis } from '../../core/conv/analyze';
import type { Diagnosis } from '../../core/diagnosis';
import type { ImageMode } from '../../formats/image';
import type { NpzBundle } from '../../formats/npz';
import type { InputLabels } from '../../core/problem/labels';
import type { NumericalProgress } from '../../core/check/progress';
import type { CheckSettings, GradientsUnderTest } from '../../core/check/types';
import type { GradientSubject } from '../discrepancy/discrepancy-protocol';
import type { GradientName, GradientSummary, Problem, Tensor } from '../../core/problem/types';

/** How a decoded image becomes X: BT.601 luma, one colour channel, or all three as channels. */
export type ChannelMode = ImageMode;

export type { InputLabels, NumericalProgress };


export interface GradientComparison {
  readonly numerical: Tensor;
  readonly error: Tensor;
  readonly summary: GradientSummary;
  /** 1 where the finite difference crossed a real kink and the element passed (compare.ts passedKinks): painted in the kink colour. */
  readonly kinks?: Uint8Array;
  /** The numerical values' calibrated error bars. */
  readonly errbar?: Float64Array;
  /** A gradient under test against ConvGrad's VJP (|tested - VJP|); absent for ConvGrad's own. */
  readonly vsOwn?: { readonly error: Tensor; readonly summary: GradientSummary };
  /** A failing gradient under test: the mistake it matches, or where it is wrong. */
  readonly diagnosis?: Diagnosis;
}

/** The analysis with the gradients under test, when they are not ConvGrad's VJP. */
export interface SubjectAnalysis extends Analysis {
  readonly tested?: GradientsUnderTest;
}

/** Null when the job was cancelled before it finished. */
export type NumericalResult = Partial<Record<GradientName, GradientComparison>> | null;

export interface WorkerApi {
  /** Decodes an image file (by its name's extension) into X with values in [0, 1]. */
  loadImage(bytes: ArrayBuffer, fileName: string, mode: ChannelMode, maxElements?: number): Promise<Tensor>;
  /** Reads a numpy .npz holding a whole problem (src/formats/npz.ts). */
  loadNpz(bytes: ArrayBuffer, fileName: string): Promise<NpzBundle>;
  /** Reads a .npy, .csv or .json array. */
  loadArray(bytes: ArrayBuffer, fileName: string, maxElements?: number): Promise<Tensor>;
  /**
   * Y, dL/dY and the VJPs. Errors name the input they are about through `labels`
   * (the core's InputError subject, e.g. 'x' or 'grad', -> a file name).
   */
  analyze(problem: Problem, labels: InputLabels, subject?: GradientSubject): Promise<SubjectAnalysis>;
  /**
   * Computes the numerical gradients in chunks and checks the gradients under test (ConvGrad's VJP
   * by default) against them; `job` identifies it for `cancel`.
   */
  numerical(
    job: number,
    problem: Problem,
    labels: InputLabels,
    options: CheckSettings,
    onProgress: (progress: NumericalProgress) => void,
    subject?: GradientSubject,
  ): Promise<NumericalResult>;
  cancel(job: number): void;
}
