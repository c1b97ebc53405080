// The diagnosis through `convgrad check --npz`: gradients made outside ConvGrad (plain Python,
// scripts/make-diagnosis-fixtures.py; PyTorch, scripts/torch-npz-example.py) are named correctly.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/cli/exit-status';
import { runCli } from '../../../src/cli/run';
import { BUG_NAMES } from '../../../src/core/problem/options';

const FIXTURES = 'tests/fixtures/diagnosis';
const expected: Record<string, Partial<Record<'dX' | 'dW', string | null>>> = JSON.parse(readFileSync(`${FIXTURES}/expected.json`, 'utf8'));

function capture() {
  let text = '';
  return { write: (s: string) => (text += s), get text() { return text; } };
}

async function report(...args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(['check', ...args, '--json'], stdout, stderr);
  expect(stderr.text).toBe('');
  return { code, report: JSON.parse(stdout.text) };
}

describe('convgrad check --npz: the diagnosis of gradients made outside ConvGrad', () => {
  it('has a fixture for every catalogued bug in some shape, and three shapes', () => {
    const names = new Set(Object.values(expected).flatMap((e) => Object.values(e)));
    for (const bug of BUG_NAMES) expect(names, bug).toContain(bug);
    expect(new Set(Object.keys(expected).map((f) => f.split('/')[0])).size).toBe(3);
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: ${JSON.stringify(want)}`, async () => {
      const { code, report: r } = await report('--npz', `${FIXTURES}/${file}`);
      if (Object.keys(want).length === 0) {
        expect(code).toBe(EXIT.pass);
        expect(r.diagnosis).toBeUndefined();
        return;
      }
      expect(code).toBe(EXIT.fail);
      expect(Object.keys(r.diagnosis).sort()).toEqual(Object.keys(want).sort());
      for (const [g, name] of Object.entries(want)) {
        expect(r.diagnosis[g].match?.name ?? null).toBe(name);
        if (name === null) expect(r.diagnosis[g].footprint.kind).toMatch(/isolated|everywhere/);
        else expect(r.diagnosis[g].match.max_abs).toBeLessThan(1e-9);
      }
    });
  }
});

describe('the PyTorch snippet', () => {
  const file = 'tests/fixtures/npz/conv2d.npz';

  it('checked with the op left at conv: the diagnosis says cross-correlation, in one summary line per gradient', async () => {
    const out = await new Promise<{ code: number; stdout: string }>((done) =>
      execFile(process.execPath, [resolve('bin/convgrad.js'), 'check', '--npz', file], (error, stdout) => done({ code: error ? Number(error.code) : 0, stdout })),
    );
    expect(out.code).toBe(EXIT.fail);
    const lines = out.stdout.split('\n').filter((l) => l.includes('diagnosis:'));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/\[cross-correlation, max abs .*\]: PyTorch's conv2d cross-correlates: choose Operation: cross-correlation/);
  });

  it('passes with cross-correlation, and the report names the .npz and its settings', async () => {
    const { code, report: r } = await report('--npz', file, '--op', 'xcorr');
    expect(code).toBe(EXIT.pass);
    expect(r.diagnosis).toBeUndefined();
    expect(r.options).toMatchObject({ op: 'xcorr', padding: [1, 1, 1, 1], stride: [1, 1], dilation: [1, 1] });
    expect(r.inputs).toMatchObject({ npz: file, x: `${file}:x`, analytic_dx: `${file}:dx` });
  });

  it('refuses an array given both in the .npz and on the command line', async () => {
    const stdout = capture();
    const stderr = capture();
    expect(await runCli(['check', '--npz', file, '--x', 'x.npy'], stdout, stderr)).toBe(EXIT.badInput);
    expect(stderr.text).toMatch(/^convgrad: --x: the \.npz .* already holds x; give one or the other\n$/);
  });
});

describe('a .npz with a dL/db under test', () => {
  it('is refused rather than checked without it', async () => {
    const { zipSync, unzipSync } = await import('fflate');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const entries = unzipSync(readFileSync('tests/fixtures/diagnosis/single-seed/correct.npz'));
    const dir = mkdtempSync(join(tmpdir(), 'convgrad-npz-'));
    const file = join(dir, 'with-db.npz');
    writeFileSync(file, zipSync({ ...entries, 'grad_bias.npy': entries['dw.npy'] }));
    const stdout = capture();
    const stderr = capture();
    expect(await runCli(['check', '--npz', file], stdout, stderr)).toBe(EXIT.badInput);
    expect(stderr.text).toMatch(/holds grad_bias: a dL\/db under test is not checked yet/);
  });
});
