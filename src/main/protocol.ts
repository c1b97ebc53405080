import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './origin';
import { serveStatic } from './static-files';

/** Must run before the app is ready: makes app:// a secure, standard origin with fetch support. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer (and nothing outside it) on app://convgrad/. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    const reply = await serveStatic(rendererRoot, request.method, url.pathname);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  });
}
