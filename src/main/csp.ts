// One Content-Security-Policy for every way the renderer is served: the app:// protocol
// header, the web server's header and (injected at build time) the <meta> in index.html.
// No inline or eval'd script, no remote anything; module workers are same-origin files. WebAssembly
// may be compiled ('wasm-unsafe-eval'): the worker's JPEG and WebP decoders are the same .wasm the CLI runs.
// 'frame-ancestors' is left out because it is ignored (with a console error) in a <meta>.

const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
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
 * The policy for the Vite dev server only: Vite injects CSS as <style> elements, which the
 * strict policy refuses. (Its HMR WebSocket is same-origin, which 'self' already allows.)
 */
export const DEVELOPMENT_POLICY = DIRECTIVES.map(([name, value]) =>
  name === 'style-src' ? `${name} ${value} 'unsafe-inline'` : `${name} ${value}`,
).join('; ');
