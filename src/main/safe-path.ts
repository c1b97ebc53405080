import { resolve, sep } from 'node:path';

/**
 * Maps a URL pathname onto a file under `root`, or null when the (percent-decoded) path
 * would escape it. URL parsing already collapses literal `..` segments; this also catches
 * encoded ones (`%2e%2e%2f`), backslashes and NUL bytes.
 */
export function resolveInside(root: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(base, relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative);
  return full.startsWith(base + sep) ? full : null;
}
