import { describe, expect, it } from 'vitest';
import { REPORT_FILE } from '../../../src/export/report';
import { resultFiles } from '../../../src/export/result-files';
import { readNpy } from '../../../src/formats/npy';

const t = (values: number[], shape: number[]) => ({ shape, data: Float64Array.from(values) });

describe('resultFiles', () => {
  it('names the arrays as convgrad check --out does, with report.json', () => {
    const files = resultFiles(
      { y: t([1, 2], [1, 2]), analytic: { dX: t([3], [1, 1]), dW: t([4], [1, 1]) }, numerical: { dX: t([3.5], [1, 1]) }, error: { dX: t([0.5], [1, 1]) } },
      '{}',
    );
    expect([...files.keys()]).toEqual(['Y.npy', 'dX.npy', 'dW.npy', 'dX_num.npy', 'dX_err.npy', REPORT_FILE]);
    expect(files.get(REPORT_FILE)).toBe('{}\n');
    expect([...readNpy(files.get('dX_num.npy') as Uint8Array).data]).toEqual([3.5]);
  });
});
