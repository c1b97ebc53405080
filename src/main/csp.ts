// One Content-Security-Policy for every way the renderer is served: the app:// protocol
// header, the web server's header and (injected at build time) the <meta> in index.html.
// No inline or eval'd script, no remote anything; module workers are same-origin files.
// 'frame-ancestors' is left out because it is ignored (with a console error) in a <meta>.

const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['worker-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' blob: data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/**
 * The policy for the Vite dev server only: Vite injects CSS as <style> elements and
 * talks to its HMR server over a WebSocket, neither of which the strict policy allows.
 */
export function developmentPolicy(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return DIRECTIVES.map(([name, value]) => {
    if (name === 'style-src') return `${name} ${value} 'unsafe-inline'`;
    if (name === 'connect-src') return `${name} ${value} ${ws}`;
    return `${name} ${value}`;
  }).join('; ');
}
