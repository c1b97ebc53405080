// The web build as a whole: it loads cleanly under its CSP, the CSP is the strict one and is
// enforced, module workers work under it, and the server refuses to leave out/renderer.
import { test, expect } from './support/fixtures';
import { saveScreenshot } from './support/artifacts';
import { CONTENT_SECURITY_POLICY } from '../../src/main/csp';
import { ISOLATION_HEADERS } from '../../src/main/isolation';

// Same-origin URL answered by page.route, so the probe worker needs no file in the build. It
// carries the isolation headers as the server's files do: a cross-origin isolated page (COEP
// require-corp) loads no worker script without them.
const PROBE_WORKER_URL = './__e2e__/probe-worker.js';
const PROBE_WORKER_SOURCE = `
const { origin } = new URL(import.meta.url);
self.onmessage = (event) => self.postMessage({ doubled: event.data * 2, origin });`;

test('the page loads and renders with no console errors or CSP violations', async ({ appPage }) => {
  await expect(appPage).toHaveTitle('ConvGrad');
  await expect(appPage.locator('#app')).not.toBeEmpty();
  await saveScreenshot(appPage, 'web-initial');
});

test('the strict CSP is sent as a header and as the <meta>, identically', async ({ appPage, request }) => {
  const response = await request.get('./');
  expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  const meta = appPage.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
});

test('a same-origin module worker can be created and answers', async ({ appPage }) => {
  await appPage.route('**/__e2e__/probe-worker.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', headers: { ...ISOLATION_HEADERS }, body: PROBE_WORKER_SOURCE }),
  );
  const reply = await appPage.evaluate(
    `new Promise((resolve, reject) => {
       const worker = new Worker(new URL(${JSON.stringify(PROBE_WORKER_URL)}, location.href), { type: 'module' });
       worker.onmessage = (event) => { resolve(event.data); worker.terminate(); };
       worker.onerror = (event) => reject(new Error('worker failed: ' + (event.message || 'error event')));
       worker.postMessage(21);
     })`,
  );
  expect(reply).toEqual({ doubled: 42, origin: new URL(appPage.url()).origin });
});

test("the app's own compute worker starts from the build, same-origin", async ({ page, pageProblems }) => {
  void pageProblems; // records problems from the first request on
  const started = page.waitForEvent('worker');
  await page.goto('./');
  const worker = await started;
  expect(new URL(worker.url()).origin).toBe(new URL(page.url()).origin);
  expect(new URL(worker.url()).pathname).toMatch(/\/assets\/worker-[\w-]+\.js$/);
  expect(await worker.evaluate('typeof document')).toBe('undefined');
});

test.describe('the CSP is enforced', () => {
  test.use({ allowPageProblems: true });

  // DevTools evaluation itself is exempt from the CSP, so each probe makes the page run the code.
  test('inline scripts, string timers (eval) and blob: workers are refused', async ({ appPage, pageProblems }) => {
    const outcome = await appPage.evaluate(`new Promise((resolve) => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true';
      document.head.append(inline);
      setTimeout('window.__stringTimerRan = true', 0);
      const blobWorker = new Worker(URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' })));
      const report = (worker) => resolve({ inline: window.__inlineRan === true, stringTimer: window.__stringTimerRan === true, worker });
      blobWorker.onmessage = () => report('ran');
      blobWorker.onerror = () => report('failed');
    })`);
    expect(outcome).toEqual({ inline: false, stringTimer: false, worker: 'failed' });
    const directives = () => pageProblems.filter((p) => p.kind === 'csp-violation').map((p) => p.text.split(' ')[0]);
    await expect.poll(directives).toEqual(expect.arrayContaining(['script-src-elem', 'script-src', 'worker-src']));
  });
});

test('the server refuses paths outside the build and types scripts as JavaScript', async ({ request, appPage }) => {
  expect((await request.get('./..%2fpackage.json')).status()).toBe(403);
  expect((await request.get('./%2e%2e%2f%2e%2e%2fpackage.json')).status()).toBe(403);
  expect((await request.get('./does-not-exist.js')).status()).toBe(404);
  const script = await appPage.locator('script[type="module"]').first().getAttribute('src');
  expect(script).not.toBeNull();
  const scriptResponse = await request.get(new URL(script ?? '', appPage.url()).href);
  expect(scriptResponse.headers()['content-type']).toMatch(/^text\/javascript/);
});
