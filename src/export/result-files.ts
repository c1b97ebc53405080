// The files of a result set, the contract `convgrad check --out DIR` writes and the app's
// "Export results…" zips: Y and the gradients as .npy, plus report.json.
import type { CheckResult } from '../core/check/check';
import type { GradientName, Tensor } from '../core/problem/types';
import { writeNpy } from '../formats/npy';

/** The file every check result set contains. */
export const REPORT_FILE = 'report.json';

type Gradients = Partial<Record<GradientName, Tensor>>;

/** The arrays of a result set: what a CheckResult holds, and what the app has on screen. */
export type ResultArrays = Pick<CheckResult, 'y' | 'analytic' | 'numerical' | 'error'>;

/** Y, the analytic gradients (dX, dW, db), and where computed their numerical values (_num) and absolute errors (_err). */
export function resultFiles(result: ResultArrays, reportJson: string): Map<string, Uint8Array | string> {
  const files = new Map<string, Uint8Array | string>([['Y.npy', writeNpy(result.y)]]);
  addGradients(files, result.analytic, '');
  if (result.numerical) addGradients(files, result.numerical, '_num');
  if (result.error) addGradients(files, result.error, '_err');
  files.set(REPORT_FILE, reportJson + '\n');
  return files;
}

function addGradients(files: Map<string, Uint8Array | string>, gradients: Gradients, suffix: string): void {
  for (const name of ['dX', 'dW', 'db'] as const) {
    const t = gradients[name];
    if (t) files.set(`${name}${suffix}.npy`, writeNpy(t));
  }
}
