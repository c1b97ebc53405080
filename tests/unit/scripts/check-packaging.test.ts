import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, packedFiles } from '../../../scripts/check-packaging';

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema, with the three platforms' installers and both file associations", async () => {
    const config = await loadBuilderConfig();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.fileAssociations.map((a) => a.ext).sort()).toEqual(['convgrad', 'npy']);
  });
});

describe('packedFiles', () => {
  it('applies the patterns in order, later exclusions winning', () => {
    const patterns = ['package.json', 'out/**/*', '!out/**/*.map', '!node_modules/**/*'];
    const files = ['package.json', 'out/main/index.js', 'out/main/index.js.map', 'out/renderer/assets/x.js', 'src/main/index.ts', 'node_modules/d3/package.json'];
    expect(packedFiles(patterns, files)).toEqual(['package.json', 'out/main/index.js', 'out/renderer/assets/x.js']);
  });
});
