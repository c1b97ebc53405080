// The discrepancy panel's pure helpers: naming the gradient under test, the log-log plot's
// geometry, shared error scales and kink marks.
import { describe, expect, it } from 'vitest';
import { sharedErrorRange } from '../../../../src/renderer/lib/error-range';
import { subjectLabels, subjectName, subjectOf, testedTitle, testsOther, type SubjectChoice } from '../../../../src/renderer/lib/gradient-subject';
import { countMarked, errorSpan, KINK_RGB, paintKinks } from '../../../../src/export/kink-marks';
import { logExtent, nearestLog, plottable, sci, slopeGuide } from '../../../../src/renderer/lib/loglog';

const tensor = (data: number[]) => ({ shape: [data.length], data: Float64Array.from(data) });

describe('gradient under test', () => {
  const files: SubjectChoice = { kind: 'files', dX: { name: 'dx.npy', tensor: tensor([1, 2]) } };

  it('names what stands for each gradient in titles', () => {
    expect(testedTitle({ kind: 'bug', bug: 'kernel-not-mirrored' }, 'dX')).toBe('dL/dX under test: kernel-not-mirrored');
    expect(testedTitle(files, 'dX')).toBe('dL/dX under test: dx.npy');
    // No dL/dW file: ConvGrad's own VJP stands in, and dL/db is always its own.
    expect(testedTitle(files, 'dW')).toBe('dL/dW under test: ConvGrad’s VJP');
    expect(testedTitle({ kind: 'bug', bug: 'stride-ignored' }, 'db')).toBe('dL/db under test: ConvGrad’s VJP');
  });

  it('names the whole subject once', () => {
    expect(subjectName({ kind: 'bug', bug: 'seed-unpad' })).toBe('seed-unpad');
    expect(subjectName(files)).toBe('dx.npy');
    expect(subjectName({ kind: 'files', dX: { name: 'a.npy', tensor: tensor([1]) }, dW: { name: 'b.npy', tensor: tensor([1]) } })).toBe('a.npy + b.npy');
    expect(subjectName({ kind: 'files' })).toBe('ConvGrad’s VJP');
  });

  it('compares with the VJP only when something else is tested', () => {
    expect(testsOther({ kind: 'own' })).toBe(false);
    expect(testsOther({ kind: 'files' })).toBe(false);
    expect(testsOther(files)).toBe(true);
    expect(testsOther({ kind: 'bug', bug: 'seed-unpad' })).toBe(true);
  });

  it('sends the tensors and labels errors with the file names', () => {
    expect(subjectOf(files)).toEqual({ kind: 'files', dX: files.kind === 'files' ? files.dX?.tensor : undefined, dW: undefined });
    expect(subjectLabels(files)['analytic-dx']).toBe('dx.npy');
    expect(subjectLabels(files)['analytic-dw']).toBeUndefined();
  });
});

describe('log-log plot helpers', () => {
  it('keeps only points a log axis can show', () => {
    expect(plottable([{ x: 1, y: 0 }, { x: 1e-3, y: 2 }, { x: 1, y: NaN }, { x: -1, y: 1 }])).toEqual([{ x: 1e-3, y: 2 }]);
  });

  it('widens a single value to a decade each side', () => {
    expect(logExtent([0, 5, -1])).toEqual([0.5, 50]);
    expect(logExtent([1e-9, 1e-2])).toEqual([1e-9, 1e-2]);
    expect(logExtent([0])).toBeUndefined();
  });

  it('draws guides of the given slope through the anchor', () => {
    const [a, b] = slopeGuide(2, { x: 1e-2, y: 1e-4 }, 1e-2, 1e-6);
    expect(a).toEqual({ x: 1e-2, y: 1e-4 });
    expect(b.y).toBeCloseTo(1e-12, 25);
    expect(Math.log10(a.y / b.y) / Math.log10(a.x / b.x)).toBeCloseTo(2, 12);
  });

  it('finds the nearest step in log distance', () => {
    const hs = [1e-1, 1e-4, 1e-7];
    expect(nearestLog(hs, 2e-3)).toBe(1);
    expect(nearestLog(hs, 5e-3)).toBe(0);
    expect(sci(3.1623e-6)).toBe('3.16e-6');
    expect(sci(1e-1)).toBe('1e-1');
  });
});

describe('error maps', () => {
  it('paints kink elements in their colour and leaves them out of the scale', () => {
    const rgba = new Uint8ClampedArray(12);
    expect(paintKinks(Uint8Array.of(0, 1, 0), rgba)).toBe(1);
    expect(countMarked(Uint8Array.of(0, 1, 0, 1))).toBe(2);
    expect([...rgba.subarray(4, 7)]).toEqual([...KINK_RGB]);
    expect([...rgba.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect(errorSpan(Float64Array.of(1, 9, 2), Uint8Array.of(0, 1, 0))).toEqual({ minPositive: 1, max: 2 });
    expect(errorSpan(Float64Array.of(1, 9, 2))).toEqual({ minPositive: 1, max: 9 });
    // Non-finite errors stay out of the span; with nothing finite left it is empty.
    expect(errorSpan(Float64Array.of(Infinity, 3e-7, NaN, 0))).toEqual({ minPositive: 3e-7, max: 3e-7 });
    expect(errorSpan(Float64Array.of(NaN, 5), Uint8Array.of(0, 1))).toEqual({ minPositive: undefined, max: 0 });
    expect(errorSpan(Float64Array.of(NaN))).toEqual({ minPositive: undefined, max: 0 });
  });

  it('shares one range between maps, their tolerance marks included', () => {
    const f64 = { error: tensor([1e-9, 2e-8]), kinks: Uint8Array.of(0, 0) };
    const f32 = { error: tensor([3e-4, 5]), kinks: Uint8Array.of(0, 1) };
    // The kink's 5 is no error; the f32 mark 1e-2 stretches the top to 1e-1.
    expect(sharedErrorRange([f64, f32], [1e-5, 1e-2])).toEqual({ minPositive: 1e-9, max: 1e-2 * 10 });
    expect(sharedErrorRange([f64], [])).toEqual({ minPositive: 1e-9, max: 2e-8 });
  });
});
