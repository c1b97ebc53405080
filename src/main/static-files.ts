import { readFile, stat } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from './csp';
import { ISOLATION_HEADERS } from './isolation';
import { contentTypeFor } from './mime-types';
import { resolveInside } from './safe-path';

/** A transport-neutral answer, turned into a fetch Response (app://) or an http reply (web server). */
export interface StaticReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
}

const COMMON_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

export interface ServeOptions {
  /**
   * Whether replies carry the cross-origin isolation headers (default true). Only the web
   * server turns them off (`serve-web --not-isolated`), to measure and test the app as a plain
   * file server would serve it.
   */
  readonly isolated?: boolean;
}

/** Answers a GET/HEAD for `urlPathname` from the files under `root`, never from outside it. */
export async function serveStatic(root: string, method: string, urlPathname: string, options: ServeOptions = {}): Promise<StaticReply> {
  const common = options.isolated === false ? COMMON_HEADERS : { ...COMMON_HEADERS, ...ISOLATION_HEADERS };
  const text = (status: number, body: string): StaticReply => ({ status, headers: { ...common, 'Content-Type': 'text/plain; charset=utf-8' }, body });
  if (method !== 'GET' && method !== 'HEAD') return text(405, 'method not allowed');
  const file = resolveInside(root, urlPathname);
  if (file === null) return text(403, 'forbidden');
  try {
    if (!(await stat(file)).isFile()) return text(404, 'not found');
    const bytes = await readFile(file);
    const body = method === 'HEAD' ? '' : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { status: 200, headers: { ...common, 'Content-Type': contentTypeFor(file) }, body };
  } catch {
    return text(404, 'not found');
  }
}
