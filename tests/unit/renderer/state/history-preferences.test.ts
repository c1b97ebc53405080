// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { History } from '../../../../src/renderer/state/history.svelte';
import { loadPreferences, persistPreferences, PREFERENCES_KEY, type SettingsStore } from '../../../../src/renderer/state/preferences.svelte';
import { ProblemState } from '../../../../src/renderer/state/problem.svelte';

const x = { name: 'x.npy', tensor: { shape: [2, 2], data: Float64Array.of(1, 2, 3, 4) } };

function problem(): ProblemState {
  return new ProblemState({ loadImage: async () => x.tensor, loadArray: async () => x.tensor, outputShape: () => undefined });
}

function storage(initial: Record<string, string> = {}): SettingsStore {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('History', () => {
  it('undoes and redoes settings and input changes, one step per change', () => {
    const p = problem();
    const history = new History(p);
    const stop = history.track();
    p.source = x;
    flushSync();
    p.convSettings.op = 'xcorr';
    flushSync();
    history.undo();
    flushSync();
    expect(p.convSettings.op).toBe('conv');
    expect(history.canRedo).toBe(true);
    history.redo();
    flushSync();
    expect(p.convSettings.op).toBe('xcorr');
    expect(p.source).toBe(x);
    stop();
  });

  it('has nothing to undo before the first input is on screen', () => {
    const p = problem();
    const history = new History(p);
    const stop = history.track();
    p.convSettings.paddingMode = 'reflect';
    flushSync();
    expect(history.canUndo).toBe(false);
    stop();
  });
});

describe('preferences', () => {
  it('stores settings, never the files they need, and loads them back', () => {
    const store = storage();
    const a = problem();
    const stop = persistPreferences(a, store);
    a.convSettings.paddingMode = 'circular';
    a.numericSettings.method = 'forward';
    a.kernelSettings.source = 'custom';
    a.lossSettings.grad = 'file';
    flushSync();
    stop();
    const b = problem();
    loadPreferences(b, store);
    expect(b.convSettings.paddingMode).toBe('circular');
    expect(b.numericSettings.method).toBe('forward');
    expect(b.kernelSettings.source).toBe('preset');
    expect(b.lossSettings.grad).toBe('ones');
  });

  it('ignores a broken store and values of the wrong type', () => {
    const b = problem();
    loadPreferences(b, storage({ [PREFERENCES_KEY]: '{not json' }));
    expect(b.convSettings.op).toBe('conv');
    loadPreferences(b, storage({ [PREFERENCES_KEY]: JSON.stringify({ convSettings: { op: 3, strideH: 'big', strideW: 2, bogus: 1 }, numericSettings: { h: null } }) }));
    expect(b.convSettings.op).toBe('conv');
    expect(b.convSettings.strideH).toBe(1);
    expect(b.convSettings.strideW).toBe(2);
    expect('bogus' in b.convSettings).toBe(false);
    expect(b.numericSettings.h).toBeGreaterThan(0);
  });
});
