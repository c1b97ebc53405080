import { describe, expect, it } from 'vitest';
import { unzipFiles, zipFiles } from '../../../src/export/zip';

describe('zipFiles', () => {
  it('round-trips text and binary files by name', () => {
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const files = unzipFiles(zipFiles(new Map<string, Uint8Array | string>([['report.json', '{"a": 1}\n'], ['Y.npy', bytes]])));
    expect([...files.keys()].sort()).toEqual(['Y.npy', 'report.json']);
    expect(new TextDecoder().decode(files.get('report.json'))).toBe('{"a": 1}\n');
    expect([...files.get('Y.npy')!]).toEqual([...bytes]);
  });
});
