import { readFile, stat } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from './csp';
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

function textReply(status: number, text: string): StaticReply {
  return { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: text };
}

/** Answers a GET/HEAD for `urlPathname` from the files under `root`, never from outside it. */
export async function serveStatic(root: string, method: string, urlPathname: string): Promise<StaticReply> {
  if (method !== 'GET' && method !== 'HEAD') return textReply(405, 'method not allowed');
  const file = resolveInside(root, urlPathname);
  if (file === null) return textReply(403, 'forbidden');
  try {
    if (!(await stat(file)).isFile()) return textReply(404, 'not found');
    const bytes = await readFile(file);
    const body = method === 'HEAD' ? '' : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return {
      status: 200,
      headers: { ...COMMON_HEADERS, 'Content-Type': contentTypeFor(file) },
      body,
    };
  } catch {
    return textReply(404, 'not found');
  }
}
