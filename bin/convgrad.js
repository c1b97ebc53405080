#!/usr/bin/env node
// Launcher for the `convgrad` CLI: runs the JavaScript that `npm run build:cli` (the package's
// `prepare` script, so `npm install` runs it) writes to out/cli.
try {
  await import('../out/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('out/cli/main.js')) throw error;
  process.stderr.write('convgrad: the CLI is not built; run `npm run build:cli` (or `npm install`) in the ConvGrad folder\n');
  process.exitCode = 3;
}
