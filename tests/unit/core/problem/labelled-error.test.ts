// Errors cross the worker boundary as name + message only, so they must name their input there.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../src/core/problem/errors';
import { labelled, prefixed } from '../../../../src/core/problem/labelled-error';

describe('worker error messages', () => {
  it("prefix an InputError with its subject's file name", () => {
    const e = labelled(new InputError('shape (3,4) does not match Y (3,3)', 'grad'), { grad: 'g.npy' });
    expect(e.message).toBe('g.npy: shape (3,4) does not match Y (3,3)');
    expect(e.name).toBe('InputError');
  });

  it('fall back to the subject itself for options', () => {
    expect(labelled(new InputError('must be an integer >= 1, got 0', 'stride'), {}).message).toBe('stride: must be an integer >= 1, got 0');
  });

  it('leave errors without a subject, and other errors, as they are', () => {
    expect(labelled(new InputError('empty input'), { x: 'a.png' }).message).toBe('empty input');
    const bug = new TypeError('x is undefined');
    expect(labelled(bug, {})).toBe(bug);
  });

  it('prefix anything thrown with a file name', () => {
    expect(prefixed('broken.png', new InputError('not a PNG or JPEG image')).message).toBe('broken.png: not a PNG or JPEG image');
    expect(prefixed('x.csv', 'odd').message).toBe('x.csv: odd');
  });
});
