// A diagnosis in one line of text, shared by the CLI summary and the app's verdict.
import type { Diagnosis } from './diagnose';
import type { Footprint } from './footprint';
import type { DiagnosedName } from './hypotheses';

const LABEL: Record<DiagnosedName, string> = { dX: 'dL/dX', dW: 'dL/dW' };

function size(v: number): string {
  return v.toExponential(1);
}

function figure(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** Where the failing elements are, e.g. "wrong in a border band 1 wide along the top and left (15 elements)". */
export function describeFootprint(f: Footprint): string {
  const elements = `${f.failing} element${f.failing === 1 ? '' : 's'}`;
  switch (f.kind) {
    case 'border':
      return `wrong in a border band ${f.width} wide along the ${f.sides.join(' and ')} (${elements})`;
    case 'taps':
      return `wrong at kernel tap${f.taps.length === 1 ? '' : 's'} ${f.taps.map(([k, l]) => `(${k},${l})`).join(' ')} (${elements})`;
    case 'lattice':
      return `wrong on a lattice of period ${f.period.join('x')} from (${f.offset.join(',')}) (${elements}): look at the stride`;
    case 'isolated':
      return `wrong at ${f.failing} isolated element${f.failing === 1 ? '' : 's'}: ${f.at.map((i) => `[${i.join(',')}]`).join(' ')}`;
    case 'plane':
      return `wrong only where ${f.axis} = ${f.index} (${elements})`;
    case 'everywhere': {
      const share = `wrong almost everywhere (${(100 * f.fraction).toFixed(f.fraction < 0.999 ? 1 : 0)}% of elements)`;
      if (f.correlation === null) return share;
      const proportional = Math.abs(f.correlation) > 0.99 && f.ratio !== null ? `, close to ${figure(f.ratio)} x the true gradient` : '';
      return `${share}; the error's correlation with the true gradient is ${figure(f.correlation)}${proportional}`;
    }
  }
}

/** One line: the named mistake and its fix, or where the gradient is wrong. */
export function describeDiagnosis(name: DiagnosedName, d: Diagnosis): string {
  const label = LABEL[name];
  if (d.match) {
    const also = d.match.also?.length ? ` (equally: ${d.match.also.join(', ')})` : '';
    return `${label} equals ${d.match.title} [${d.match.name}, max abs ${size(d.match.max_abs)}]${also}: ${d.match.fix}`;
  }
  const where = d.footprint ? describeFootprint(d.footprint) : 'no per-element map to locate it (directional check)';
  return `${label}: no known mistake matches; ${where}`;
}
