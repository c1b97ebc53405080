// The web build's HTTP server: out/renderer (or another root) on 127.0.0.1, answered by the same
// serveStatic as the app:// protocol (CSP, cross-origin isolation, MIME types, traversal
// refusal). Started by scripts/serve-web.ts, and by e2e specs that need a second server (one
// without cross-origin isolation).
import { createServer, type Server } from 'node:http';
import { serveStatic } from '../src/main/static-files';

export const WEB_HOST = '127.0.0.1';

export interface WebServerOptions {
  readonly root: string;
  /** 0: any free port. */
  readonly port: number;
  /** False serves without the COOP/COEP headers, as a plain file server would. */
  readonly isolated: boolean;
}

export interface WebServer {
  readonly url: string;
  close(): Promise<void>;
}

function handler(options: WebServerOptions): Parameters<typeof createServer>[1] {
  return (request, response) => {
    const pathname = new URL(request.url ?? '/', `http://${WEB_HOST}`).pathname;
    serveStatic(options.root, request.method ?? 'GET', pathname, { isolated: options.isolated }).then(
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
  };
}

/** Listens on `options.port`; rejects with the server's error (e.g. EADDRINUSE). */
export function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const server: Server = createServer(handler(options));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, WEB_HOST, () => {
      server.off('error', reject);
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : options.port;
      resolve({
        url: `http://${WEB_HOST}:${port}/`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
