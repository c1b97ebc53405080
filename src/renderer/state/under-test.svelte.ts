// The gradient under test, one for the whole window: ConvGrad's own VJP, gradients from files
// (or a .npz), or the VJP with an injected bug. The main check, its verdict and maps, and the
// discrepancy panel all test this one, so no two verdicts on screen are about different things.
import type { GradientName } from '../../core/problem/types';
import type { GradientSubject } from '../../worker/discrepancy/discrepancy-protocol';
import { subjectLabels, subjectName, subjectOf, testedTitle, testsOther, type SubjectChoice } from '../lib/gradient-subject';
import type { NamedTensor } from '../lib/settings';

export type TestedFiles = { readonly dX?: NamedTensor; readonly dW?: NamedTensor };

export class UnderTestState {
  choice = $state.raw<SubjectChoice>({ kind: 'own' });
  /** Files loaded as gradients under test, kept while a bug is tried instead. */
  files = $state.raw<TestedFiles>({});

  readonly subject = $derived<GradientSubject>(subjectOf(this.choice));
  readonly name = $derived(subjectName(this.choice));
  readonly labels = $derived(subjectLabels(this.choice));
  /** Whether something other than ConvGrad's VJP is under test. */
  readonly other = $derived(testsOther(this.choice));

  /** "dL/dX under test: dx.npy". */
  title(gradient: GradientName): string {
    return testedTitle(this.choice, gradient);
  }

  choose(next: SubjectChoice): void {
    this.choice = next;
  }

  /** Sets or clears loaded gradients (others kept) and tests the files. */
  setFiles(files: TestedFiles): void {
    this.files = { ...this.files, ...files };
    for (const g of ['dX', 'dW'] as const) if (g in files && !files[g]) this.files = { ...this.files, [g]: undefined };
    this.choice = { kind: 'files', ...this.files };
  }

  /** Only the given files under test (a .npz replaces what was loaded before). */
  replaceFiles(files: TestedFiles): void {
    this.files = files;
    this.choice = files.dX || files.dW ? { kind: 'files', ...files } : { kind: 'own' };
  }
}
