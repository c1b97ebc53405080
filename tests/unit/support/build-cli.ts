// Vitest global setup: builds the CLI to out/cli before any test runs, so the tests that spawn
// `convgrad` (and the numerical pool's threads) run the JavaScript users run, never a stale build.
// Built beside and then moved in, so a process started meanwhile never sees half a build.
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';

export default async function buildCli(): Promise<void> {
  const target = resolve('out/cli');
  const fresh = `${target}-${process.pid}`;
  await build({ configFile: resolve('vite.cli.config.ts'), logLevel: 'warn', build: { outDir: fresh } });
  await rm(target, { recursive: true, force: true });
  await rename(fresh, target);
}
