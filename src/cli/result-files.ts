// The files of a result set (--out DIR): arrays as .npy, plus report.json.

import type { CheckResult } from '../core/check/check';
import type { GradientName, Tensor } from '../core/problem/types';
import { writeNpy } from '../formats/npy';
import { REPORT_FILE } from './write-results';

type Gradients = Partial<Record<GradientName, Tensor>>;

/** Y, the analytic gradients (dX, dW, db), and where computed their numerical values (_num) and absolute errors (_err). */
export function resultFiles(result: CheckResult, reportJson: string): Map<string, Uint8Array | string> {
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
