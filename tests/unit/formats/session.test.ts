import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/core/problem/types';
import { decodeSession, encodeSession, SESSION_VERSION, type Session } from '../../../src/formats/session';

const t = (values: number[], shape: number[]) => ({ shape, data: Float64Array.from(values) });

const problem: Problem = {
  x: t([0.1 + 0.2, 1e-300, -0, 5, 6, 7], [2, 3]),
  w: t([0.015625, -2], [1, 2]),
  bias: t([0.5], [1]),
  conv: { op: 'xcorr', padding: [1, 0, 0, 1], paddingMode: 'reflect', stride: [1, 2], dilation: [1, 1] },
  loss: { kind: 'linear', grad: { kind: 'array', value: t([1, 2, 3, 4], [2, 2]) } },
  dtype: 'f64',
};

const session: Session = {
  appVersion: '0.1.0',
  problem,
  check: { method: 'central', h: 1e-6, tolerance: { atol: 1e-5, rtol: 1e-3 }, kinkConvention: 'zero' },
  underTest: { gradients: { dX: { name: 'dx_torch.npy', tensor: t([9, 8, 7, 6, 5, 4], [2, 3]) } }, bug: 'kernel-not-mirrored' },
  app: {
    settings: { conv: { op: 'xcorr', strideW: 2 } },
    arrays: { source: { name: 'photo.png', tensor: t([1, 2, 3, 4], [2, 2]) } },
    files: { image: { name: 'photo.png', bytes: new Uint8Array([137, 80, 78, 71]) } },
  },
};

const bits = (x: { data: ArrayLike<number> }) => [...new Uint8Array(Float64Array.from(x.data).buffer)];

describe('session files', () => {
  it('round-trip the problem, the check, the gradient under test and the app state to the same bits', () => {
    const back = decodeSession(encodeSession(session), 's.convgrad');
    expect(bits(back.problem.x)).toEqual(bits(problem.x));
    expect(Object.is(back.problem.x.data[2], -0)).toBe(true);
    expect(back.problem.x.shape).toEqual([2, 3]);
    expect(bits(back.problem.w)).toEqual(bits(problem.w));
    expect(back.problem.bias?.data[0]).toBe(0.5);
    expect(back.problem.conv).toEqual(problem.conv);
    expect(back.problem.loss.kind === 'linear' && back.problem.loss.grad.kind === 'array' && [...back.problem.loss.grad.value.data]).toEqual([1, 2, 3, 4]);
    expect(back.check).toEqual(session.check);
    expect(back.underTest?.bug).toBe('kernel-not-mirrored');
    expect(back.underTest?.gradients?.dX?.name).toBe('dx_torch.npy');
    expect([...back.underTest!.gradients!.dX!.tensor.data]).toEqual([9, 8, 7, 6, 5, 4]);
    expect(back.app?.settings).toEqual(session.app!.settings);
    expect([...back.app!.files['image']!.bytes]).toEqual([137, 80, 78, 71]);
    expect(back.app!.arrays['source']!.name).toBe('photo.png');
  });

  it('keeps an l2 loss with zeros target and no optional parts', () => {
    const l2: Session = { appVersion: 'x', problem: { ...problem, bias: undefined, loss: { kind: 'l2', activation: 'relu', target: { kind: 'zeros' } } }, check: session.check };
    const back = decodeSession(encodeSession(l2), 's.convgrad');
    expect(back.problem.loss).toEqual({ kind: 'l2', activation: 'relu', target: { kind: 'zeros' } });
    expect(back.problem.bias).toBeUndefined();
    expect(back.underTest).toBeUndefined();
    expect(back.app).toBeUndefined();
  });

  it('writes a documented session.json with the format and its version', () => {
    const files = unzipSync(encodeSession(session));
    const document = JSON.parse(new TextDecoder().decode(files['session.json']));
    expect(document.format).toBe('convgrad-session');
    expect(document.version).toBe(SESSION_VERSION);
    expect(document.problem.x).toEqual({ file: 'problem/x.npy' });
    expect(Object.keys(files).sort()).toContain('under-test/dX.npy');
  });

  it('refuses what is not a session, or a newer one, in one line naming the file', () => {
    expect(() => decodeSession(new Uint8Array([1, 2, 3]), 'a.convgrad')).toThrow('a.convgrad: not a ConvGrad session (not a zip file)');
    expect(() => decodeSession(zipSync({ 'x.txt': strToU8('hi') }), 'b.convgrad')).toThrow('b.convgrad: not a ConvGrad session (no session.json)');
    const files = unzipSync(encodeSession(session));
    const newer = { ...JSON.parse(new TextDecoder().decode(files['session.json'])), version: 99 };
    expect(() => decodeSession(zipSync({ ...files, 'session.json': strToU8(JSON.stringify(newer)) }), 'c.convgrad')).toThrow(/c.convgrad: session format version 99 is not supported/);
    const { ['problem/w.npy']: _dropped, ...withoutW } = files;
    expect(() => decodeSession(zipSync(withoutW), 'd.convgrad')).toThrow('d.convgrad: problem.w: problem/w.npy is missing from the session');
  });
});
