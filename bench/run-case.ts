// One case of `npm run bench` in a process of its own: `tsx bench/run-case.ts <index> <scipy.json>`
// prints the case's row as JSON. A fresh process per case matters: once V8 has seen both
// Float64Array and Float32Array in the core's loops they run about twice as slow for both, so
// cases sharing a process would measure each other's history, not the core.
import { readFileSync } from 'node:fs';
import { CASES } from './cases/index';
import type { ScipyOutcome } from './scipy';

const [index, scipyPath] = process.argv.slice(2);
const benchCase = CASES[Number(index)];
if (!benchCase || !scipyPath) {
  process.stderr.write(`usage: tsx bench/run-case.ts <0..${CASES.length - 1}> <scipy.json>\n`);
  process.exit(2);
}
const scipy = JSON.parse(readFileSync(scipyPath, 'utf8')) as ScipyOutcome;
process.stdout.write(JSON.stringify(await benchCase.run(scipy)));
