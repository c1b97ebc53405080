// convgrad check --session: the problem, settings and gradient under test of a session the app
// saved, with the same results as the same problem given option by option.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run';
import type { Problem } from '../../../src/core/problem/types';
import { writeNpy } from '../../../src/formats/npy';
import { encodeSession, type Session } from '../../../src/formats/session';

const dir = mkdtempSync(join(tmpdir(), 'convgrad-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  let text = '';
  return { write: (s: string) => (text += s), get text() { return text; } };
}

const t = (shape: number[], f: (i: number) => number) => ({ shape, data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)) });
const problem: Problem = {
  x: t([5, 6], (i) => Math.sin(i * 0.7) + 0.25),
  w: t([2, 3], (i) => (i - 2) / 7),
  conv: { op: 'xcorr', padding: [1, 0, 2, 1], paddingMode: 'reflect', stride: [1, 2], dilation: [1, 1] },
  loss: { kind: 'linear', grad: { kind: 'random', seed: 3 } },
  dtype: 'f64',
};
const session: Session = { appVersion: 'test', problem, check: { method: 'central', h: 1e-6, tolerance: { atol: 1e-5, rtol: 1e-3 } } };

async function check(args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(['check', ...args], stdout, stderr);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('convgrad check --session', () => {
  it('checks the session problem exactly as the same problem given by options', async () => {
    const file = join(dir, 's.convgrad');
    writeFileSync(file, encodeSession(session));
    writeFileSync(join(dir, 'x.npy'), writeNpy(problem.x));
    writeFileSync(join(dir, 'w.npy'), writeNpy(problem.w));
    const fromSession = await check(['--session', file, '--out', join(dir, 'a')]);
    const byOptions = await check([
      ...['--x', join(dir, 'x.npy'), '--w', join(dir, 'w.npy'), '--op', 'xcorr', '--padding', '1,0,2,1', '--padding-mode', 'reflect'],
      ...['--stride', '1,2', '--grad', 'random:3', '--h', '1e-6', '--atol', '1e-5', '--rtol', '1e-3', '--out', join(dir, 'b')],
    ]);
    expect(fromSession.stderr).toBe('');
    expect(fromSession.code).toBe(byOptions.code);
    for (const name of ['Y.npy', 'dX.npy', 'dW.npy', 'dX_num.npy', 'dW_num.npy', 'dX_err.npy', 'dW_err.npy']) {
      expect(Buffer.compare(readFileSync(join(dir, 'a', name)), readFileSync(join(dir, 'b', name))), name).toBe(0);
    }
    const report = JSON.parse(readFileSync(join(dir, 'a', 'report.json'), 'utf8'));
    expect(report.inputs.x).toBe(`${file}:problem/x.npy`);
    expect(report.options).toMatchObject({ op: 'xcorr', padding: [1, 0, 2, 1], padding_mode: 'reflect', grad: 'random:3', h: 1e-6 });
  });

  it('checks the gradient under test the session holds', async () => {
    const wrong = { ...problem.w, data: problem.w.data.map((v) => v * 0) };
    const file = join(dir, 'under-test.convgrad');
    writeFileSync(file, encodeSession({ ...session, underTest: { gradients: { dW: { name: 'dw_torch.npy', tensor: { shape: [2, 3], data: wrong.data } } } } }));
    const result = await check(['--session', file, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).gradients.dW.pass).toBe(false);
  });

  it('refuses problem options beside a session, and a file that is not one', async () => {
    const file = join(dir, 's.convgrad');
    expect((await check(['--session', file, '--op', 'conv'])).stderr).toBe(`convgrad: --op: the session ${file} holds the problem; leave out --op\n`);
    const bad = join(dir, 'bad.convgrad');
    writeFileSync(bad, 'not a zip');
    const result = await check(['--session', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`convgrad: --session ${bad}: not a ConvGrad session (not a zip file)\n`);
  });
});
