// `convgrad --help` starts about as fast as bare Node because it loads only the usage text: the
// built CLI's import graph from main.js through usage.ts holds no convolution, check or study
// code, no file format beyond the extension lists, no package (codecs, fflate, d3), and no
// toLocaleString (its first call loads ICU's locale data: ~30 ms).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = resolve('out/cli');

/** What loading `entries` loads: their chunks and those they import statically, with the packages they import. */
function staticGraph(...entries: string[]): { files: string[]; sources: string[]; packages: string[]; intl: string[] } {
  const files = new Set<string>();
  const sources: string[] = [];
  const packages: string[] = [];
  const intl: string[] = [];
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(join(OUT, file), 'utf8');
    if (/\.toLocaleString\(|\bIntl\./.test(code)) intl.push(file);
    sources.push(...[...code.matchAll(/^\/\/ (src\/\S+)$/gm)].map((m) => m[1]));
    for (const [, spec] of code.matchAll(/^import .*? from "([^"]+)";$/gm)) {
      if (spec.startsWith('./')) visit(spec.slice(2));
      else packages.push(spec);
    }
  };
  for (const entry of entries) visit(entry);
  return { files: [...files], sources, packages, intl };
}

/** The chunks `main.js --help` loads: its static imports, and usage's chunk with its own. */
function helpChunks(): ReturnType<typeof staticGraph> {
  const usage = readdirSync(OUT).find((name) => /^usage-.*\.js$/.test(name));
  expect(usage, 'usage.ts is a chunk of its own, imported only for help').toBeDefined();
  return staticGraph('main.js', usage!);
}

/** The chunk that holds `source`. */
function chunkOf(source: string): string {
  const chunk = readdirSync(OUT).find((name) => name.endsWith('.js') && readFileSync(join(OUT, name), 'utf8').includes(`\n// ${source}\n`));
  expect(chunk, `${source} is in a chunk`).toBeDefined();
  return chunk!;
}

describe('convgrad --help', () => {
  it('loads the usage text and the lists it prints, nothing of the computation', () => {
    const { sources, packages, intl } = helpChunks();
    expect(sources).toEqual(expect.arrayContaining(['src/cli/usage.ts', 'src/cli/grammar.ts', 'src/core/problem/options.ts']));
    expect(sources.filter((path) => /^src\/(core\/(conv|check|study|diagnosis)|formats\/(?!file-kinds)|export)\//.test(path))).toEqual([]);
    expect(sources).not.toContain('src/cli/args.ts');
    expect(packages).toEqual([]);
    expect(intl).toEqual([]);
  });
});

// A check of .npy files loads no package: the image codecs, EXIF, PNG, CSV and zip packages
// (~150 ms to load) come in when a file, a .npz or a session needs them.
describe('convgrad check', () => {
  it('loads its command, argument resolution and the core without any package', () => {
    const { sources, packages } = staticGraph('main.js', chunkOf('src/cli/args.ts'), chunkOf('src/cli/check-command.ts'), chunkOf('src/cli/check-run.ts'));
    expect(sources).toEqual(expect.arrayContaining(['src/cli/check-command.ts', 'src/core/check/pipeline.ts', 'src/formats/npy.ts']));
    expect(sources.filter((path) => /^src\/formats\/(image|jpeg|png|webp|gif|bmp|text-array|npz|session)\.ts$/.test(path))).toEqual([]);
    expect(packages.filter((spec) => !spec.startsWith('node:'))).toEqual([]);
  });

  // The files are read while the check's modules load (check-command.ts): what reading needs
  // holds none of the computation, so the reads start before the core is compiled.
  it('reads its files with the arguments and the formats alone, none of the computation', () => {
    const { sources } = staticGraph('main.js', chunkOf('src/cli/args.ts'), chunkOf('src/cli/check-command.ts'));
    expect(sources).toEqual(expect.arrayContaining(['src/cli/load-problem.ts', 'src/formats/npy.ts']));
    expect(sources.filter((path) => /^src\/(core\/(conv|check|study\/(?!sweep-steps)|diagnosis)|export)\//.test(path))).toEqual([]);
  });
});

// Every threaded check waits for its threads: each loads one CommonJS file (no module graph to
// resolve through the ES module loader), holding the finite-difference jobs and nothing of the
// formats, codecs or the command.
describe("the numerical pool's thread", () => {
  it('is one file that requires only Node built-ins and holds no format, codec or command code', () => {
    const code = readFileSync(join(OUT, 'numerical-thread.cjs'), 'utf8');
    const sources = [...code.matchAll(/^\/\/ (src\/\S+)$/gm)].map((m) => m[1]);
    expect(sources).toEqual(expect.arrayContaining(['src/cli/numerical-thread.ts', 'src/cli/thread-task.ts', 'src/core/check/job.ts']));
    expect(sources.filter((path) => !/^src\/(core\/|cli\/(numerical-thread|thread-task)\.ts$)/.test(path))).toEqual([]);
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((spec) => !spec.startsWith('node:'))).toEqual([]);
    expect(code).not.toMatch(/^import /m);
  });
});
