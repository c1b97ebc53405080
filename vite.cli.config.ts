// The `convgrad` command built to JavaScript: its entry as ES modules for Node in out/cli, and the
// numerical pool's thread entry as one CommonJS file beside it. Packages stay imports (resolved
// from node_modules at run time), so the bundle holds only ConvGrad's own code: nothing is
// compiled when it starts.
import path from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';

/**
 * The thread entry (src/cli/numerical-thread.ts) as one self-contained CommonJS file,
 * out/cli/numerical-thread.cjs, built after the command. Every threaded check waits for its
 * threads to start: as ES modules sharing chunks with the command the thread loaded five files
 * through the ES module loader, 85–105 ms from spawn to loaded against 60 ms for this one file
 * and ~50 ms for a bare Node worker (2-core machine, load ~2.5).
 */
function threadEntry(): Plugin {
  let root = '';
  let outDir = '';
  return {
    name: 'convgrad-numerical-thread',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        build: {
          ssr: true,
          outDir,
          emptyOutDir: false,
          target: 'node20',
          minify: false,
          sourcemap: true,
          rolldownOptions: {
            input: { 'numerical-thread': 'src/cli/numerical-thread.ts' },
            output: { format: 'cjs', entryFileNames: '[name].cjs' },
          },
        },
      });
    },
  };
}

/**
 * The command's chunks, as few as its start allows: every file is a module the ES module loader
 * resolves, reads and links on its own (~0.5 ms each here, ~30 files on a check's path before
 * these groups). `--help` loads the lists alone (with the usage text); a check loads the argument
 * resolution, then the reading of its files, and the core while those files are read
 * (check-command.ts). Everything else (formats, render, sweep, summary, writing) stays a chunk of
 * its own, loaded when a command needs it.
 */
const CHUNK_GROUPS = [
  { name: 'lists', priority: 4, test: /\/src\/(core\/problem\/(options|ranges|budget|errors|presets|random|defaults|types|tensor)|formats\/(file-kinds|quote)|cli\/(render-maps|cli-error|exit-status|grammar))\.ts$/ },
  { name: 'args', priority: 3, test: /\/src\/(cli\/(args|check-args|problem-args|render-args|sweep-args|option-values)|core\/study\/sweep-steps)\.ts$/ },
  { name: 'read', priority: 2, test: /\/src\/(cli\/(check-command|load-problem|load-array|read-file|fs-error|wasm-node)|formats\/(npy|decode-file|wasm))\.ts$/ },
  {
    name: 'check',
    priority: 1,
    test: /\/src\/(core\/(conv|check|diagnosis|problem)\/|core\/study\/inject\.ts$|export\/(report|result-files)\.ts$|cli\/(check-run|numerical-pool|thread-task|report|under-test|package-version)\.ts$)/,
  },
];

export default defineConfig({
  plugins: [threadEntry()],
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input: { main: 'src/cli/main.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', codeSplitting: { groups: CHUNK_GROUPS } },
    },
  },
});
