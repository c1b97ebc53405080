// The files of a result set, the contract `convgrad check --out DIR` writes and the app's
// "Export results…" zips: Y and the gradients as .npy, plus report.json.
import type { GradientName, Tensor } from '../core/problem/types';
import { writeNpy } from '../formats/npy';
import { tensor } from '../core/problem/tensor';
import { REPORT_FILE } from './report';


type Gradients = Partial<Record<GradientName, Tensor>>;

/** The arrays of a result set: what a CheckResult holds, and what the app has on screen. */
export interface ResultArrays {
  readonly y: Tensor;
  readonly analytic: Gradients;
  readonly numerical?: Gradients;
  readonly error?: Gradients;
  /** The numerical values' error bars, shaped as the numerical gradients. */
  readonly errbars?: Partial<Record<GradientName, Float64Array>>;
}

/** Y, the analytic gradients (dX, dW, db), and where computed their numerical values (_num), absolute errors (_err) and the numerical values' error bars (_errbar). */
export function resultFiles(result: ResultArrays, reportJson: string): Map<string, Uint8Array | string> {
  const files = new Map<string, Uint8Array | string>([['Y.npy', writeNpy(result.y)]]);
  addGradients(files, result.analytic, '');
  if (result.numerical) addGradients(files, result.numerical, '_num');
  if (result.error) addGradients(files, result.error, '_err');
  const { numerical, errbars } = result;
  if (numerical && errbars) {
    const shaped = (name: GradientName) => {
      const bars = errbars[name];
      const like = numerical[name];
      return bars && like ? tensor(like.shape, bars) : undefined;
    };
    addGradients(files, { dX: shaped('dX'), dW: shaped('dW'), db: shaped('db') }, '_errbar');
  }
  files.set(REPORT_FILE, reportJson + '\n');
  return files;
}

function addGradients(files: Map<string, Uint8Array | string>, gradients: Gradients, suffix: string): void {
  for (const name of ['dX', 'dW', 'db'] as const) {
    const t = gradients[name];
    if (t) files.set(`${name}${suffix}.npy`, writeNpy(t));
  }
}
