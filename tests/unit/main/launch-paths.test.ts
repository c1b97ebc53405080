import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchKind, launchPaths } from '../../../src/main/launch-paths';

describe('launchPaths', () => {
  it('takes existing .convgrad and .npy arguments, relative to the launching directory, and skips switches and the app', () => {
    const exists = (p: string) => !p.endsWith('missing.npy');
    const argv = ['/opt/ConvGrad/convgrad', '--no-sandbox', 'work/s.convgrad', '/abs/x.NPY', 'missing.npy', 'photo.png', '--flag=a.npy'];
    expect(launchPaths(argv, '/home/me', exists)).toEqual([resolve('/home/me/work/s.convgrad'), '/abs/x.NPY']);
  });

  it('knows sessions from arrays', () => {
    expect(launchKind('/a/b.convgrad')).toBe('session');
    expect(launchKind('b.npy')).toBe('array');
    expect(launchKind('b.png')).toBeNull();
  });
});
