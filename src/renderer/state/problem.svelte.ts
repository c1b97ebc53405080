// The problem being asked: the inputs panel's settings, the files the user opened, and the
// core Problem built from them. Loading a file is an event: only the load started last may change
// the inputs (a sample still decoding never overwrites a session opened meanwhile), and a failure
// changes nothing but the message.
import { isDefaultTolerance } from '../../core/problem/defaults';
import { budgetOf } from '../../core/problem/budget';
import type { ChannelMode, InputLabels } from '../../worker/compute/protocol';
import type { CheckSettings } from '../../core/check/types';
import { validateSettings, type SettingProblem } from '../../core/check/settings';
import type { DType, Problem, Tensor } from '../../core/problem/types';
import { isArrayFile } from '../../formats/file-kinds';
import { rejectionOf, type Slot } from '../lib/accept';
import type { PickedFile } from '../lib/picked-file';
import { planeAt } from '../../export/planes';
import { workingImage } from '../lib/resample';
import { sampleUrl, type Sample } from '../lib/samples';
import {
  biasOf,
  convOptionsOf,
  initialConvSettings,
  initialImageSettings,
  initialKernelSettings,
  initialLossSettings,
  inputChannels,
  kernelOf,
  lossOf,
  numericDefaults,
  type NamedTensor,
} from '../lib/settings';

/** How many worst elements the core keeps per gradient. */
export const WORST = 10;

/** Decodes files in a worker; `outputShape` is Y's shape on screen, against which G and T are checked. */
export interface TensorLoader {
  loadImage(bytes: ArrayBuffer, fileName: string, mode: ChannelMode, maxElements?: number): Promise<Tensor>;
  loadArray(bytes: ArrayBuffer, fileName: string, maxElements?: number): Promise<Tensor>;
  outputShape(): readonly number[] | undefined;
}

/** A problem ready to analyse, with the names its inputs are reported by. */
export interface ProblemRequest {
  readonly problem: Problem;
  readonly labels: InputLabels;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The panels whose settings make up the problem (and a session, and the saved preferences), by key. */
export const SETTINGS_KEYS = ['imageSettings', 'kernelSettings', 'convSettings', 'lossSettings', 'numericSettings'] as const;
export type SettingsKey = (typeof SETTINGS_KEYS)[number];

/** The inputs opened from files, each replaced as a whole. */
export const INPUT_KEYS = ['source', 'imageFile', 'customKernel', 'gradFile', 'targetFile'] as const;

/** Every input of a problem at once: what a session or an undo step puts back. */
export interface ProblemInputs {
  /** Per panel, the settings to assign (a panel left out keeps its own). */
  readonly settings?: { readonly [K in SettingsKey]?: Partial<ProblemState[K]> };
  readonly source: NamedTensor | undefined;
  readonly imageFile: PickedFile | undefined;
  readonly customKernel: NamedTensor | undefined;
  readonly gradFile: NamedTensor | undefined;
  readonly targetFile: NamedTensor | undefined;
}

export class ProblemState {
  imageSettings = $state(initialImageSettings());
  kernelSettings = $state(initialKernelSettings());
  convSettings = $state(initialConvSettings());
  lossSettings = $state(initialLossSettings());
  numericSettings = $state(numericDefaults('f64'));

  /** The image file X was decoded from, kept to decode it again in another channel mode. */
  imageFile = $state.raw<PickedFile | undefined>();
  source = $state.raw<NamedTensor | undefined>();
  /** A kernel from a file or from editing the grid ('' as name). */
  customKernel = $state.raw<NamedTensor | undefined>();
  gradFile = $state.raw<NamedTensor | undefined>();
  targetFile = $state.raw<NamedTensor | undefined>();
  loadError = $state<string | null>(null);
  /** Counts the images accepted, so what was marked on an earlier image can be forgotten. */
  imageCount = $state(0);
  /** A file is being read: what is on screen may be about to change. */
  loading = $state(false);

  #loader: TensorLoader;
  #loadGeneration = 0;

  constructor(loader: TensorLoader) {
    this.#loader = loader;
  }

  readonly x = $derived.by(() => {
    const { source, imageSettings: s } = this;
    if (!source) return undefined;
    const crop = s.crop ? { top: s.cropTop, left: s.cropLeft, height: s.cropHeight, width: s.cropWidth } : undefined;
    return workingImage(source.tensor, s.factor, crop);
  });

  readonly kernel = $derived.by((): { w: Tensor } | { error: string } => {
    try {
      return { w: kernelOf(this.kernelSettings, this.x ? inputChannels(this.x) : 1, this.customKernel?.tensor) };
    } catch (error) {
      return { error: `kernel: ${messageOf(error)}` };
    }
  });

  readonly tolerance = $derived({ atol: this.numericSettings.atol, rtol: this.numericSettings.rtol });

  /** The core's one validation of the settings (the CLI's too): each problem is shown at its field, and none is analysed while any remains. */
  readonly settingProblems = $derived.by((): SettingProblem[] => {
    const { method, h } = this.numericSettings;
    return validateSettings({
      method,
      h,
      tolerance: this.tolerance,
      kinkConvention: this.lossSettings.kinkConvention,
      conv: convOptionsOf(this.convSettings),
    });
  });

  /** The problem to analyse, or why there is none yet; undefined until X is loaded. */
  readonly request = $derived.by((): ProblemRequest | { error: string } | undefined => {
    const { x, source, kernel } = this;
    if (!x || !source) return undefined;
    if ('error' in kernel) return { error: kernel.error };
    const loss = lossOf(this.lossSettings, this.gradFile, this.targetFile);
    if (typeof loss === 'string') return { error: `Loss: ${loss}` };
    const labels: InputLabels = {
      x: source.name,
      w: this.customKernel?.name || 'kernel',
      bias: 'bias',
      grad: this.gradFile?.name ?? 'G',
      target: this.targetFile?.name ?? 'T',
      'padding-mode': 'padding kind',
    };
    return {
      problem: {
        x,
        w: kernel.w,
        bias: biasOf(this.kernelSettings, kernel.w),
        conv: convOptionsOf(this.convSettings),
        loss,
        dtype: this.numericSettings.dtype,
        maxElements: this.#maxElements(),
      },
      labels,
    };
  });

  /** How the numerical gradient is taken and judged; apart from the problem, which it does not change. */
  readonly options = $derived.by((): CheckSettings => {
    const { method, h, autoStep, dtype } = this.numericSettings;
    return { method, h, tolerance: this.tolerance, defaultTolerance: isDefaultTolerance(this.tolerance, dtype), worst: WORST, kinkConvention: this.lossSettings.kinkConvention, autoStep: autoStep !== false };
  });

  /** The request when it is a problem and the settings are valid, else undefined: no verdict comes from invalid settings. */
  readonly ready = $derived(this.request && !('error' in this.request) && this.settingProblems.length === 0 ? this.request : undefined);
  readonly error = $derived(this.request && 'error' in this.request ? this.request.error : null);

  /** The element limit of the Numerics panel, when valid (src/core/problem/budget.ts). */
  #maxElements(): number {
    return budgetOf(this.numericSettings.maxElements).maxElements;
  }

  async #loadTensor(file: PickedFile, slot: Slot): Promise<NamedTensor> {
    const copy = file.bytes.slice(0);
    const tensor =
      slot === 'image' && !isArrayFile(file.name)
        ? await this.#loader.loadImage(copy, file.name, this.imageSettings.channelMode, this.#maxElements())
        : await this.#loader.loadArray(copy, file.name, this.#maxElements());
    const problem = rejectionOf(tensor, slot, this.#loader.outputShape(), this.source?.tensor.shape);
    if (problem) throw new Error(`${file.name}: ${problem}`);
    return { name: file.name, tensor };
  }

  /** Starts a change of the inputs, superseding every load started before; says whether it is still the latest. */
  #begin(): () => boolean {
    const generation = ++this.#loadGeneration;
    return () => generation === this.#loadGeneration;
  }

  /**
   * Reads something that changes the inputs (a file, a sample, a .npz) and applies it, unless a
   * load or a replacement started after this one: the one started last wins, whichever finishes
   * last. A failure (thrown by `read` or `apply`) changes nothing but the latest load's message.
   */
  async load<T>(read: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const latest = this.#begin();
    this.loading = true;
    try {
      const value = await read();
      if (!latest()) return;
      apply(value);
      this.loadError = null;
    } catch (error) {
      if (latest()) this.loadError = messageOf(error);
    } finally {
      if (latest()) this.loading = false;
    }
  }

  /** Replaces every input at once (a session, an undo step): a load still running is superseded and will not apply. */
  replaceInputs(inputs: ProblemInputs): void {
    this.#begin();
    this.loading = false;
    for (const key of SETTINGS_KEYS) {
      const settings = inputs.settings?.[key];
      if (settings) Object.assign(this[key], settings);
    }
    // What was marked on another image is forgotten.
    if (inputs.source !== this.source) this.imageCount++;
    this.source = inputs.source;
    this.imageFile = inputs.imageFile;
    this.customKernel = inputs.customKernel;
    this.gradFile = inputs.gradFile;
    this.targetFile = inputs.targetFile;
    this.loadError = null;
  }

  /** Opens a file into a slot; the one place a file is routed (menus, drops and buttons). */
  open(slot: Slot, file: PickedFile): Promise<void> {
    return this.load(
      () => this.#loadTensor(file, slot),
      (loaded) => this.#accept(slot, file, loaded),
    );
  }

  #accept(slot: Slot, file: PickedFile, loaded: NamedTensor): void {
    switch (slot) {
      case 'image':
        this.source = loaded;
        this.imageFile = isArrayFile(file.name) ? undefined : file;
        this.imageCount++;
        return;
      case 'kernel':
        this.customKernel = loaded;
        this.kernelSettings.source = 'custom';
        return;
      case 'grad':
        this.gradFile = loaded;
        this.lossSettings.kind = 'linear';
        this.lossSettings.grad = 'file';
        return;
      case 'target':
        this.targetFile = loaded;
        this.lossSettings.kind = 'l2';
        this.lossSettings.target = 'file';
        return;
    }
  }

  /** The loss's array slot: T for an L2 loss, G otherwise. */
  lossSlot(): Slot {
    return this.lossSettings.kind === 'l2' ? 'target' : 'grad';
  }

  /** Opens a bundled sample as X; the load starts with the fetch, so a file opened meanwhile wins. */
  openSample(sample: Sample): Promise<void> {
    return this.load(
      async () => {
        const response = await fetch(sampleUrl(sample));
        if (!response.ok) throw new Error(`${sample.file}: could not be read (HTTP ${response.status})`);
        const file = { name: sample.file, bytes: await response.arrayBuffer() };
        return { file, loaded: await this.#loadTensor(file, 'image') };
      },
      ({ file, loaded }) => this.#accept('image', file, loaded),
    );
  }

  /** A new channel mode decodes the shown image file again. */
  setChannelMode(mode: ChannelMode): void {
    this.imageSettings.channelMode = mode;
    const file = this.imageFile;
    if (file && this.source?.name === file.name) void this.open('image', file);
  }

  /** Sets one kernel tap of plane `plane`; the kernel becomes the user's own. */
  editKernel(plane: number, row: number, col: number, value: number): void {
    if ('error' in this.kernel) return;
    const w = this.kernel.w;
    const data = Float64Array.from(w.data);
    const p = planeAt(w, plane);
    data[plane * p.height * p.width + row * p.width + col] = value;
    this.customKernel = { name: '', tensor: { shape: [...w.shape], data } };
    this.kernelSettings.source = 'custom';
  }

  /** A new precision starts from its own default step and tolerance. */
  setDtype(dtype: DType): void {
    const { method, auto, autoStep, maxElements } = this.numericSettings;
    this.numericSettings = { ...numericDefaults(dtype), method, auto, autoStep, maxElements };
  }
}
