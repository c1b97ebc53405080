// The layout's rules, checked by `npm run depcruise` (part of `npm test`); see docs/ARCHITECTURE.md.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycles anywhere in src/: every module can be read (and tested) after the ones it uses.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'The core (the mathematics) imports nothing outside src/core: no formats, workers, UI, Node or packages.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'formats-on-core',
      comment: 'File formats build on the core only (and their decoding packages), never on workers, the UI or the CLI.',
      severity: 'error',
      from: { path: '^src/formats/' },
      to: { path: '^src/', pathNot: '^src/(core|formats)/' },
    },
    {
      name: 'no-node-in-formats',
      comment: 'Formats run in the browser worker as well as in Node.',
      severity: 'error',
      from: { path: '^src/formats/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'export-on-formats',
      comment: 'What leaves the app (maps, their colours, files) is shared by the app and the CLI: it builds on the core and the formats only.',
      severity: 'error',
      from: { path: '^src/export/' },
      to: { path: '^src/', pathNot: '^src/(core|formats|export)/' },
    },
    {
      name: 'no-node-in-export',
      comment: 'The renderer paints and exports maps with the same modules as the CLI.',
      severity: 'error',
      from: { path: '^src/export/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-not-cli',
      comment: 'The app and the command share the core, never each other.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(cli|main)/' },
    },
    {
      name: 'cli-not-app',
      comment: 'The command shares the core with the app, never its UI, its processes or its workers.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(renderer|main|preload|worker)/' },
    },
    {
      name: 'renderer-only-worker-protocols',
      comment: 'The renderer talks to its workers through their typed protocols only, never their internals.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/worker/', pathNot: '^src/worker/[^/]+/[^/]*protocol\\.ts$' },
    },
    {
      name: 'workers-apart',
      comment:
        'One folder per worker: a worker imports another worker only through its protocol (the compute worker also owns the fill workers\' pool and its shared memory); code two workers share lives in the core or the formats.',
      severity: 'error',
      from: { path: '^src/worker/([^/]+)/' },
      to: {
        path: '^src/worker/',
        pathNot: ['^src/worker/$1/', '^src/worker/[^/]+/[^/]*protocol\\.ts$', '^src/worker/fill/(fill-pool|fill-helper|shared-memory)\\.ts$'],
      },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.web.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.svelte', '.mjs', '.cjs', '.json'],
    },
    extraExtensionsToScan: [],
  },
};
