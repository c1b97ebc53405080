// runCli in-process, for the outcomes a child process cannot easily provoke.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../../src/cli/exit-status';
import { runCli } from '../../../src/cli/run';

vi.mock('../../../src/core/check/check', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/core/check/check')>()),
  planCheck: () => {
    throw new TypeError('cannot read properties of undefined\n    at somewhere (file.ts:1:1)');
  },
}));

const dir = mkdtempSync(join(tmpdir(), 'convgrad-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  let text = '';
  return { write: (s: string) => (text += s), get text() { return text; } };
}

describe('runCli', () => {
  it('reports an unexpected exception as an internal error: exit 3, one line, no stack', async () => {
    const x = join(dir, 'x.json');
    writeFileSync(x, '[[1,2],[3,4]]');
    const stdout = capture();
    const stderr = capture();
    const code = await runCli(['check', '--x', x, '--w', 'identity'], stdout, stderr);
    expect(code).toBe(EXIT.internal);
    expect(code).toBe(3);
    expect(stdout.text).toBe('');
    expect(stderr.text).toBe('convgrad: internal error: TypeError: cannot read properties of undefined at somewhere (file.ts:1:1)\n');
  });
});
