// Serves the built renderer (out/renderer) as a plain web page on 127.0.0.1, with the
// same CSP header, cross-origin isolation and path-traversal refusal as the app:// protocol in
// Electron (scripts/web-server.ts).
// Usage: tsx scripts/serve-web.ts [--port N] [--root DIR] [--not-isolated]   (defaults: 5199, out/renderer)
// --not-isolated leaves out the COOP/COEP headers, as a plain file server would: the app then
// runs its numerical pool without shared memory (to measure or test that path).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebServer, WEB_HOST } from './web-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['CONVGRAD_WEB_PORT'] ?? '5199' },
    root: { type: 'string', default: 'out/renderer' },
    'not-isolated': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
const root = resolve(values.root);
const isolated = !values['not-isolated'];

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve-web: --port must be an integer 0..65535, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}
if (!existsSync(resolve(root, 'index.html'))) {
  console.error(`serve-web: ${root}/index.html not found; build first with "npx electron-vite build"`);
  process.exit(2);
}

startWebServer({ root, port, isolated }).then(
  ({ url }) => console.log(`ConvGrad web build: ${url}  (serving ${root}${isolated ? '' : ', not cross-origin isolated'}; Ctrl+C to stop)`),
  (error: NodeJS.ErrnoException) => {
    const why = error.code === 'EADDRINUSE' ? `port ${port} is already in use (choose another with --port)` : error.message;
    console.error(`serve-web: cannot listen on ${WEB_HOST}:${port}: ${why}`);
    process.exit(1);
  },
);
