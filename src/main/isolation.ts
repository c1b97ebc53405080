// Cross-origin isolation for every way the renderer is served (the app:// protocol, the web
// server, the Vite dev server): with these headers the page and its workers are
// `crossOriginIsolated`, so the computation worker can hand the problem and the numerical map to
// its helper workers in SharedArrayBuffers instead of copying them (src/worker/fill). Everything
// the renderer loads is same-origin, which `require-corp` allows without further headers.

export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
