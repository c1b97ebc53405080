// The gradient under test in the discrepancy panel: ConvGrad's own VJP, gradients loaded from
// files (computed elsewhere, e.g. PyTorch), or the VJP with an injected bug. What the worker is
// sent, and how verdicts and map titles name it.
import type { BugName } from '../../core/study/inject';
import type { GradientName } from '../../core/problem/types';
import { testedMapTitle } from '../../export/maps';
import type { GradientSubject } from '../../worker/discrepancy/discrepancy-protocol';
import type { NamedTensor } from './settings';

export type SubjectChoice =
  | { readonly kind: 'own' }
  | { readonly kind: 'files'; readonly dX?: NamedTensor; readonly dW?: NamedTensor }
  | { readonly kind: 'bug'; readonly bug: BugName };

export const OWN_VJP = 'ConvGrad’s VJP';

export function subjectOf(choice: SubjectChoice): GradientSubject {
  if (choice.kind === 'files') return { kind: 'files', dX: choice.dX?.tensor, dW: choice.dW?.tensor };
  return choice;
}

/** What stands for one gradient under test: a file name, a bug name, or ConvGrad's VJP (dL/db is always its own). */
function testedName(choice: SubjectChoice, gradient: GradientName): string {
  if (choice.kind === 'bug' && gradient !== 'db') return choice.bug;
  if (choice.kind === 'files' && gradient !== 'db') return choice[gradient]?.name ?? OWN_VJP;
  return OWN_VJP;
}

/** One name for the whole subject: the bug, the loaded file name(s), or ConvGrad's VJP. */
export function subjectName(choice: SubjectChoice): string {
  if (choice.kind === 'bug') return choice.bug;
  if (choice.kind === 'files') {
    const names = [choice.dX?.name, choice.dW?.name].filter((n) => n !== undefined);
    if (names.length > 0) return names.join(' + ');
  }
  return OWN_VJP;
}

/** "dL/dX under test: kernel-not-mirrored". */
export function testedTitle(choice: SubjectChoice, gradient: GradientName): string {
  return testedMapTitle(gradient, testedName(choice, gradient));
}

/** Whether the choice tests anything but ConvGrad's VJP (then a comparison with the VJP is worth showing). */
export function testsOther(choice: SubjectChoice): boolean {
  return choice.kind === 'bug' || (choice.kind === 'files' && (choice.dX !== undefined || choice.dW !== undefined));
}

/** Input labels the core's subjects map to, so an error names the loaded file. */
export function subjectLabels(choice: SubjectChoice): Record<string, string> {
  const labels: Record<string, string> = { inject: 'injected bug', directions: 'directions' };
  if (choice.kind === 'files') {
    if (choice.dX) labels['analytic-dx'] = choice.dX.name;
    if (choice.dW) labels['analytic-dw'] = choice.dW.name;
  }
  return labels;
}
