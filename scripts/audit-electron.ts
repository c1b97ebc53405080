// The Electron security audit in `npm test`: @doyensec/electronegativity over the sources and the
// built app, offline, for the pinned Electron version. Fails on any high or medium finding, and
// on any file of the main process or preload it could not parse (a file it cannot read is a file
// it did not audit; so main-process code avoids class private fields, which the tool's AST walker
// does not know). The renderer's bundles use them (Svelte's runtime); their sources are audited in
// src/. out/cli is the command-line tool for Node, not part of the Electron app.
// Its command line does not parse its own options with the commander it installs, so the
// runner is called directly. Offline: its HTTP client is replaced by one that refuses, so the
// run never waits for the network (it would fetch translations and Electron's release list), and
// the one check that needs that list (AvailableSecurityFixesGlobalCheck: is a newer Electron
// out?) is left out; the pinned version is what is audited.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  manualReview: boolean;
  description: string;
}
interface RunResult {
  issues: Finding[];
  errors: { file: string; message: string; tolerable: boolean }[];
}
type Runner = (options: Record<string, unknown>, forCli?: boolean) => Promise<RunResult>;

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const FAILING = new Set(['HIGH', 'MEDIUM']);
const NEEDS_NETWORK = ['AvailableSecurityFixesGlobalCheck'];
const RENDERER_BUNDLES = `out${sep}renderer${sep}`;
const NOT_ELECTRON = `out${sep}cli${sep}`;
/** The default targets; a different list (e.g. a deliberately weakened copy) may be passed as arguments. */
const TARGETS = process.argv.length > 2 ? process.argv.slice(2) : ['src', 'out'];

function electronVersion(): string {
  const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const version = manifest.devDependencies['electron'];
  if (version === undefined || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`package.json: electron must be pinned to an exact version, got ${version}`);
  return version;
}

/** Puts a refusing stand-in for the tool's `got` into the require cache before the tool loads. */
function refuseNetwork(): void {
  const toolDir = dirname(require.resolve('@doyensec/electronegativity/dist/runner.js'));
  const gotPath = createRequire(resolve(toolDir, 'locales', 'i18n.js')).resolve('got');
  const refuse = (url: unknown) => Promise.reject(new Error(`audit is offline: ${String(url)}`));
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(refuse, { default: refuse }) } as unknown as NodeJS.Module;
}

async function main(): Promise<void> {
  refuseNetwork();
  const run = require('@doyensec/electronegativity/dist/runner.js') as Runner;
  const version = electronVersion();
  const log = console.log;
  // The tool's own chatter ("could not retrieve translations") is noise here.
  const quiet = () => (console.log = () => undefined);
  let failures = 0;
  for (const target of TARGETS) {
    const input = resolve(ROOT, target);
    if (!existsSync(input)) throw new Error(`audit: ${target} does not exist (run \`npm run build\` first for out/)`);
    quiet();
    const result = await run({ input, electronVersionOverride: version, isRelative: false, customScan: [], excludeFromScan: NEEDS_NETWORK, parserPlugins: [] }, false).finally(() => (console.log = log));
    const failing = result.issues.filter((issue) => FAILING.has(issue.severity.name));
    const unparsed = result.errors.filter((error) => !error.tolerable);
    const broken = unparsed.filter((error) => ![RENDERER_BUNDLES, NOT_ELECTRON].some((dir) => relative(ROOT, error.file).startsWith(dir)));
    for (const issue of failing) {
      console.log(`${issue.severity.name} ${issue.id} ${relative(ROOT, issue.file)}:${issue.location.line}:${issue.location.column}${issue.manualReview ? ' (review required)' : ''}`);
    }
    for (const error of broken) console.log(`UNPARSED ${relative(ROOT, error.file)}: ${error.message}`);
    const lower = result.issues.length - failing.length;
    const bundles = unparsed.length - broken.length;
    console.log(
      `electronegativity ${target}/ (Electron ${version}): ${failing.length} high/medium, ${lower} low/informational, ${broken.length} unparsed` +
        (bundles > 0 ? ` (+${bundles} renderer or CLI bundle(s) the tool cannot parse, audited as sources)` : ''),
    );
    failures += failing.length + broken.length;
  }
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
