// The finish step's diagnosis: which gradients under test failed the check, and where.
import type { CheckPlan, Gradients } from '../check/types';
import type { DirectionalCheck } from '../check/directional';
import type { GradientName, GradientSummary, Tensor } from '../problem/types';
import { diagnose, failingMask, type Diagnoses } from './diagnose';
import { DIAGNOSED, type DiagnosedName } from './hypotheses';

export interface CheckFindings {
  readonly summaries: Partial<Record<GradientName, GradientSummary>>;
  readonly numerical?: Gradients;
  readonly kinks?: Partial<Record<GradientName, Uint8Array>>;
  readonly directional?: readonly DirectionalCheck[];
}

/** The diagnosis of each gradient under test (computed elsewhere or injected) that failed; {} when none did. */
export function diagnoseCheck(plan: CheckPlan, findings: CheckFindings): Diagnoses {
  const given = plan.options.analytic ?? {};
  const tested: Partial<Record<DiagnosedName, Tensor>> = {};
  for (const g of DIAGNOSED) if (given[g]) tested[g] = plan.analytic[g];
  const failing = DIAGNOSED.filter((g) => {
    if (!tested[g]) return false;
    const s = findings.summaries[g];
    // An inconclusive gradient is not diagnosed: nothing says it is wrong.
    return s ? s.verdict === 'fail' : (findings.directional ?? []).some((d) => d.gradient === g && !d.pass);
  });
  if (failing.length === 0) return {};
  const { numerical, kinks } = findings;
  const masks = numerical
    ? Object.fromEntries(failing.map((g) => [g, failingMask(plan.analytic[g].data, numerical[g].data, plan.settings.tolerance, kinks?.[g])]))
    : undefined;
  return diagnose({ problem: plan.problem, tolerance: plan.settings.tolerance, tested, failing, masks });
}
