// @vitest-environment jsdom
// Loads that change the problem's inputs race: the start-up sample is fetched and decoded while
// a session, a file or a .npz arrives (from the command line, a second launch, a drop). The one
// started last wins, whichever finishes last; a superseded load never applies.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Tensor } from '../../../../src/core/problem/types';
import type { NpzBundle } from '../../../../src/formats/npz';
import type { Session } from '../../../../src/formats/session';
import { DEFAULT_SAMPLE } from '../../../../src/renderer/lib/samples';
import { openNpz } from '../../../../src/renderer/state/file-import';
import { ProblemState } from '../../../../src/renderer/state/problem.svelte';
import { restoreSession } from '../../../../src/renderer/state/session-io.svelte';
import { UnderTestState } from '../../../../src/renderer/state/under-test.svelte';

afterEach(() => vi.unstubAllGlobals());

/** A promise settled from outside: a decode or a fetch that takes as long as the test wants. */
function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const tensorOf = (rows: number, cols: number, value: number): Tensor => ({ shape: [rows, cols], data: new Float64Array(rows * cols).fill(value) });
const sampleImage = tensorOf(8, 8, 0.5);
const sessionX = tensorOf(5, 6, 2);
const bytes = () => new ArrayBuffer(4);

/** A problem whose image decodes are held until the test releases them; arrays decode at once. */
function problemWithSlowImages() {
  const decodes: { name: string; done: (t: Tensor) => void }[] = [];
  const problem = new ProblemState({
    loadImage: (_bytes, name) => {
      const decode = later<Tensor>();
      decodes.push({ name, done: decode.resolve });
      return decode.promise;
    },
    loadArray: async () => tensorOf(4, 4, 1),
    outputShape: () => undefined,
  });
  return { problem, decodes };
}

const session: Session = {
  appVersion: 'test',
  problem: {
    x: sessionX,
    w: tensorOf(3, 3, 1),
    conv: { op: 'xcorr', padding: 'valid', paddingMode: 'zeros', stride: [1, 1], dilation: [1, 1] },
    loss: { kind: 'linear', grad: { kind: 'ones' } },
    dtype: 'f64',
  },
  check: { method: 'central', h: 1e-6, tolerance: { atol: 1e-5, rtol: 1e-3 } },
};

/** Resolves once every pending promise callback has run. */
const settle = () => new Promise((done) => setTimeout(done, 0));

describe('loads at launch', () => {
  it('keeps a session opened while the default sample is still decoding', async () => {
    vi.stubGlobal('fetch', async () => ({ ok: true, arrayBuffer: async () => bytes() }));
    const { problem, decodes } = problemWithSlowImages();
    const sample = problem.openSample(DEFAULT_SAMPLE);
    await settle();
    expect(decodes.map((d) => d.name)).toEqual([DEFAULT_SAMPLE.file]);

    restoreSession({ problem, underTest: new UnderTestState() }, session);
    expect(problem.source?.tensor).toBe(sessionX);
    decodes[0]!.done(sampleImage);
    await sample;
    expect(problem.source?.tensor, 'the sample, started first, does not replace the session').toBe(sessionX);
    expect(problem.convSettings.op).toBe('xcorr');
    expect(problem.loading).toBe(false);
    expect(problem.loadError).toBeNull();
  });

  it('keeps a file opened while the default sample is still being fetched', async () => {
    const fetched = later<{ ok: boolean; arrayBuffer: () => Promise<ArrayBuffer> }>();
    vi.stubGlobal('fetch', () => fetched.promise);
    const { problem, decodes } = problemWithSlowImages();
    const sample = problem.openSample(DEFAULT_SAMPLE);
    const mine = problem.open('image', { name: 'mine.png', bytes: bytes() });
    await settle();
    decodes[0]!.done(tensorOf(3, 3, 7));
    await mine;
    expect(problem.source?.name).toBe('mine.png');
    fetched.resolve({ ok: true, arrayBuffer: async () => bytes() });
    await settle();
    for (const decode of decodes.slice(1)) decode.done(sampleImage);
    await sample;
    expect(problem.source?.name, 'the sample, started first, does not replace the file').toBe('mine.png');
    expect(problem.loading).toBe(false);
  });

  it('keeps a .npz dropped while the default sample is still decoding', async () => {
    vi.stubGlobal('fetch', async () => ({ ok: true, arrayBuffer: async () => bytes() }));
    const { problem, decodes } = problemWithSlowImages();
    const sample = problem.openSample(DEFAULT_SAMPLE);
    await settle();
    const bundle: NpzBundle = { arrays: { x: sessionX, w: tensorOf(3, 3, 1) }, keys: { x: 'x', w: 'w' }, settings: {} };
    const check = { loadNpz: async () => bundle, analysis: undefined };
    await openNpz({ problem, underTest: new UnderTestState(), check } as unknown as Parameters<typeof openNpz>[0], { name: 'case.npz', bytes: bytes() });
    expect(problem.source?.name).toBe('case.npz:x');
    decodes[0]!.done(sampleImage);
    await sample;
    expect(problem.source?.name, 'the sample, started first, does not replace the .npz').toBe('case.npz:x');
    expect(problem.loading).toBe(false);
  });
});

describe('replacing every input at once', () => {
  it('assigns the settings given, replaces the inputs, and supersedes a load started before (not one started after)', async () => {
    const { problem, decodes } = problemWithSlowImages();
    const first = problem.open('image', { name: 'first.png', bytes: bytes() });
    expect(problem.loading).toBe(true);
    const { paddingMode } = problem.convSettings;
    const images = problem.imageCount;
    const inputs = { source: { name: 'x.npy', tensor: sessionX }, imageFile: undefined, customKernel: undefined, gradFile: undefined, targetFile: undefined };
    problem.replaceInputs({ settings: { convSettings: { op: 'xcorr' } }, ...inputs });
    expect(problem.loading).toBe(false);
    expect(problem.convSettings.op).toBe('xcorr');
    expect(problem.convSettings.paddingMode, 'a panel keeps the fields not given').toBe(paddingMode);
    expect(problem.imageCount, 'another image: marks made on the old one are forgotten').toBe(images + 1);
    problem.replaceInputs(inputs);
    expect(problem.imageCount, 'the same image').toBe(images + 1);

    decodes[0]!.done(sampleImage);
    await first;
    expect(problem.source?.name).toBe('x.npy');
    const second = problem.open('image', { name: 'second.png', bytes: bytes() });
    decodes[1]!.done(sampleImage);
    await second;
    expect(problem.source?.name).toBe('second.png');
  });
});
