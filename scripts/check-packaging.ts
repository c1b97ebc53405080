// What `npm run dist` packs, checked without building installers (which needs the network):
// electron-builder.yml is valid against electron-builder's own schema, names every file the built
// app loads (out/, from `npm run build`), packs no sources, source maps or node_modules, and
// associates the file types the app opens from the OS. Run after a build (npm run audit:electron).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { OPENABLE_EXTENSIONS } from '../src/main/launch-paths';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// The glob matcher electron-builder itself uses (the top-level minimatch is an older major).
const { minimatch } = createRequire(require.resolve('app-builder-lib/package.json'))('minimatch') as {
  minimatch: (path: string, pattern: string, options: { dot: boolean }) => boolean;
};

interface BuilderConfig {
  /** getConfig normalises the YAML list into one filter set. */
  files: { filter: string[] }[];
  fileAssociations: { ext: string }[];
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
}

export async function loadBuilderConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(ROOT, 'electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  return config as BuilderConfig;
}

/** Files under the project matched by electron-builder's `files` patterns (later patterns win; `!` excludes). */
export function packedFiles(patterns: readonly string[], candidates: readonly string[]): string[] {
  return candidates.filter((file) => {
    let packed = false;
    for (const pattern of patterns) {
      if (pattern.startsWith('!')) {
        if (minimatch(file, pattern.slice(1), { dot: true })) packed = false;
      } else if (minimatch(file, pattern, { dot: true })) {
        packed = true;
      }
    }
    return packed;
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(ROOT, path).split('\\').join('/')];
  });
}

/** What the built app loads: package.json's main, the preload and renderer main/index.ts names, the renderer's files. */
function requiredFiles(): string[] {
  const main = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
  const mainSource = readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8');
  const fromMain = [...mainSource.matchAll(/join\(here, '\.\.\/([^']+)'\)/g)].map((m) => `out/${m[1]}`);
  const renderer = walk(join(ROOT, 'out/renderer')).filter((f) => !f.endsWith('.map'));
  return [main, ...fromMain.filter((f) => !f.endsWith('/renderer') && f !== 'out/renderer'), ...renderer];
}

async function main(): Promise<void> {
  const config = await loadBuilderConfig();
  const problems: string[] = [];
  const candidates = ['package.json', ...walk(join(ROOT, 'out')), ...walk(join(ROOT, 'src')), 'node_modules/d3/package.json', 'README.md'];
  const packed = new Set(packedFiles(config.files.flatMap((set) => set.filter), candidates));
  for (const file of requiredFiles()) if (!packed.has(file)) problems.push(`not packed: ${file}`);
  for (const file of packed) {
    if (!(file === 'package.json' || file.startsWith('out/'))) problems.push(`packed but not part of the build: ${file}`);
    if (file.endsWith('.map')) problems.push(`source map packed: ${file}`);
  }
  const associated = config.fileAssociations.map((a) => `.${a.ext}`).sort();
  if (JSON.stringify(associated) !== JSON.stringify([...OPENABLE_EXTENSIONS].sort())) {
    problems.push(`file associations ${associated.join(' ')} differ from what the app opens (${OPENABLE_EXTENSIONS.join(' ')})`);
  }
  const targets = { linux: ['AppImage', 'deb'], win: ['nsis'], mac: ['dmg'] } as const;
  for (const [platform, wanted] of Object.entries(targets)) {
    const given = config[platform as keyof typeof targets].target;
    if (JSON.stringify(given) !== JSON.stringify(wanted)) problems.push(`${platform} targets ${given.join(',')}, expected ${wanted.join(',')}`);
  }
  for (const problem of problems) console.log(`packaging: ${problem}`);
  console.log(`packaging: electron-builder.yml valid; packs ${packed.size} files (package.json + out/), ${problems.length} problem(s)`);
  if (problems.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  });
}
