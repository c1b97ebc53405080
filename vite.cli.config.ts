// The `convgrad` command built to JavaScript: its entry and the numerical pool's thread entry,
// as ES modules for Node in out/cli. Packages stay imports (resolved from node_modules at run
// time), so the bundle holds only ConvGrad's own code: nothing is compiled when it starts.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input: { main: 'src/cli/main.ts', 'numerical-thread': 'src/cli/numerical-thread.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
