export { agreement, diagnose, type Diagnoses, type Diagnosis, type DiagnosisMatch, type DiagnosisRequest } from './diagnose';
export { describeDiagnosis, describeFootprint } from './describe';
export { footprintOf, ISOLATED_MAX, type Footprint, type FootprintKind, type Side } from './footprint';
export { DIAGNOSED, HYPOTHESIS_NAMES, type DiagnosedName } from './hypotheses';
export { diagnoseCheck, type CheckFindings } from './of-check';
