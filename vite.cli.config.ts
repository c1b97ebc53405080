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
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
