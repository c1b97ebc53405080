import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { CONTENT_SECURITY_POLICY, DEVELOPMENT_POLICY } from './src/main/csp';
import { ISOLATION_HEADERS } from './src/main/isolation';

const CSP_PLACEHOLDER = '%CONVGRAD_CSP%';

/** Writes the CSP into index.html's <meta>: the strict policy for builds, a relaxed one for the dev server. */
function contentSecurityPolicyMeta(): Plugin {
  let policy = CONTENT_SECURITY_POLICY;
  return {
    name: 'convgrad:csp-meta',
    configResolved(config) {
      if (config.command === 'serve') policy = DEVELOPMENT_POLICY;
    },
    transformIndexHtml(html) {
      if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html: missing ${CSP_PLACEHOLDER} in the CSP <meta>`);
      return html.replace(CSP_PLACEHOLDER, policy);
    },
  };
}

export default defineConfig({
  main: {
    build: { outDir: 'out/main' },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot load ES modules or anything but 'electron': one CommonJS file.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    // Icon and sample images end up next to index.html, so both the app and the web build can fetch them.
    publicDir: resolve('resources'),
    plugins: [svelte(), contentSecurityPolicyMeta()],
    worker: { format: 'es' },
    build: { outDir: 'out/renderer' },
    // `electron-vite dev` is cross-origin isolated like app:// and the web server (src/main/isolation.ts).
    server: { headers: { ...ISOLATION_HEADERS } },
  },
});
