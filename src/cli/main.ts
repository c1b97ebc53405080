// Entry point of the `convgrad` command (started by bin/convgrad.js).

import { runCli } from './run';

process.exitCode = await runCli(process.argv.slice(2), process.stdout, process.stderr);
