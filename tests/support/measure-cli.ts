// Runs `convgrad <args>` in this process and prints, as JSON, its exit status, stderr, time and
// how far its peak resident memory rose above the idle process (everything loaded, nothing read).
// Usage: node --import tsx tests/support/measure-cli.ts check --x FILE ...
import '../../src/cli/check-command';
import '../../src/cli/check-run';
import { runCli } from '../../src/cli/run';

const idleKb = process.resourceUsage().maxRSS;
const stderr: string[] = [];
const started = performance.now();
const code = await runCli(process.argv.slice(2), { write: () => undefined }, { write: (s: string) => void stderr.push(s) });
const ms = performance.now() - started;
const peakKb = process.resourceUsage().maxRSS;
process.stdout.write(JSON.stringify({ code, stderr: stderr.join(''), ms, idleMb: idleKb / 1024, peakAboveIdleMb: (peakKb - idleKb) / 1024 }) + '\n');
