// Serves the built renderer (out/renderer) as a plain web page on 127.0.0.1, with the
// same CSP header and path-traversal refusal as the app:// protocol in Electron.
// Usage: tsx scripts/serve-web.ts [--port N] [--root DIR]   (defaults: 5199, out/renderer)
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/main/static-files';

const HOST = '127.0.0.1';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['CONVGRAD_WEB_PORT'] ?? '5199' },
    root: { type: 'string', default: 'out/renderer' },
  },
});
const port = Number(values.port);
const root = resolve(values.root);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve-web: --port must be an integer 0..65535, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}
if (!existsSync(resolve(root, 'index.html'))) {
  console.error(`serve-web: ${root}/index.html not found; build first with "npx electron-vite build"`);
  process.exit(2);
}

const server = createServer((request, response) => {
  const pathname = new URL(request.url ?? '/', `http://${HOST}`).pathname;
  serveStatic(root, request.method ?? 'GET', pathname).then(
    (reply) => {
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
    },
    (error: unknown) => {
      response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('internal error');
      console.error(`serve-web: ${pathname}: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
});

server.on('error', (error: NodeJS.ErrnoException) => {
  const why = error.code === 'EADDRINUSE' ? `port ${port} is already in use (choose another with --port)` : error.message;
  console.error(`serve-web: cannot listen on ${HOST}:${port}: ${why}`);
  process.exit(1);
});

server.listen(port, HOST, () => {
  const address = server.address();
  const actualPort = address !== null && typeof address === 'object' ? address.port : port;
  console.log(`ConvGrad web build: http://${HOST}:${actualPort}/  (serving ${root}; Ctrl+C to stop)`);
});
