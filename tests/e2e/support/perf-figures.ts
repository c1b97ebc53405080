// Printing and keeping an e2e performance figure: a `perf:` line on stdout and an entry in
// bench/results/ui.json (with date, commit and load average), which `npm run bench` shows.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { resolve } from 'node:path';
import { formatFigure, writeUiFigure, type UiFigure } from '../../../bench/ui-results';

const ROOT = resolve(import.meta.dirname, '../../..');

export function recordFigure(id: string, title: string, figure: Pick<UiFigure, 'value' | 'unit' | 'limit' | 'below' | 'detail'>): void {
  const relation = figure.below ? 'limit' : 'target';
  const limit = figure.limit === undefined ? 'no limit set' : `${relation} ${formatFigure({ value: figure.limit, unit: figure.unit })}`;
  console.log(`perf: ${title}: ${formatFigure(figure)} (${limit}; ${figure.detail})`);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  // The build under test is the working tree: say when it differs from the commit.
  const commit = git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--', 'src') ? ' + uncommitted changes in src' : '');
  writeUiFigure(id, { title, ...figure, date: new Date().toISOString(), commit, loadavg: Math.round(os.loadavg()[0] * 100) / 100 });
}
