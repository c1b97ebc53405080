import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/csp';
import { contentTypeFor } from '../../../src/main/mime-types';
import { resolveInside } from '../../../src/main/safe-path';
import { serveStatic } from '../../../src/main/static-files';

const root = mkdtempSync(join(tmpdir(), 'convgrad-static-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'worker-abc.js'), 'postMessage(1)');

describe('resolveInside', () => {
  it('maps paths under the root, with / meaning index.html', () => {
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/assets/worker-abc.js')).toBe(join(root, 'assets', 'worker-abc.js'));
    expect(resolveInside(root, '/assets/')).toBe(join(root, 'assets', 'index.html'));
  });

  it('refuses anything that would leave the root, however it is spelled', () => {
    for (const path of ['/../x', '/..%2fconvgrad-secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%5c..%5cx', '/a%00b', '/%E0%A4%A']) {
      expect(resolveInside(root, path), path).toBeNull();
    }
  });
});

describe('contentTypeFor', () => {
  it('types scripts as JavaScript (module workers need it) and knows wasm, png and npy', () => {
    expect(contentTypeFor('a/b.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('b.MJS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('m.wasm')).toBe('application/wasm');
    expect(contentTypeFor('s.png')).toBe('image/png');
    expect(contentTypeFor('x.npy')).toBe('application/octet-stream');
    expect(contentTypeFor('noext')).toBe('application/octet-stream');
  });
});

describe('serveStatic', () => {
  it('serves a file with its type and the CSP header', async () => {
    const reply = await serveStatic(root, 'GET', '/assets/worker-abc.js');
    expect(reply.status).toBe(200);
    expect(reply.headers['Content-Type']).toMatch(/^text\/javascript/);
    expect(reply.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(new TextDecoder().decode(reply.body as Uint8Array)).toBe('postMessage(1)');
  });

  it('answers 403 outside the root, 404 for missing files and directories, 405 for other methods', async () => {
    expect((await serveStatic(root, 'GET', '/..%2fconvgrad-secret.txt')).status).toBe(403);
    expect((await serveStatic(root, 'GET', '/missing.js')).status).toBe(404);
    expect((await serveStatic(root, 'GET', '/assets')).status).toBe(404);
    expect((await serveStatic(root, 'POST', '/')).status).toBe(405);
  });

  it('sends no body for HEAD', async () => {
    const reply = await serveStatic(root, 'HEAD', '/index.html');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('');
  });

  it('makes the page cross-origin isolated (COOP same-origin, COEP require-corp) on every reply, unless told not to', async () => {
    const isolated = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    for (const path of ['/index.html', '/assets/worker-abc.js', '/missing.js']) {
      expect((await serveStatic(root, 'GET', path)).headers, path).toMatchObject(isolated);
      const plain = (await serveStatic(root, 'GET', path, { isolated: false })).headers;
      expect(Object.keys(plain).filter((name) => name.startsWith('Cross-Origin')), path).toEqual([]);
      expect(plain['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    }
  });
});
