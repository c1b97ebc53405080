import type { Page } from '@playwright/test';

/** Something the page reported that a healthy app never should. */
export interface PageProblem {
  readonly kind: 'console-error' | 'page-error' | 'csp-violation' | 'request-failed';
  readonly text: string;
}

// Runs before any page script (and is exempt from the CSP, being injected by the browser).
// A string, not a function, because the e2e tsconfig has no DOM types.
const CSP_LISTENER = `
document.addEventListener('securitypolicyviolation', (event) => {
  window.__convgradReportCsp(
    event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' (' + event.sourceFile + ':' + event.lineNumber + ')',
  );
});`;

/**
 * Starts recording console errors (from the page and its workers), uncaught exceptions,
 * CSP violations and failed requests. Call before the first navigation; the returned
 * array fills up as the page runs.
 */
export async function recordPageProblems(page: Page): Promise<PageProblem[]> {
  const problems: PageProblem[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push({ kind: 'console-error', text: message.text() });
  });
  page.on('pageerror', (error) => problems.push({ kind: 'page-error', text: error.message }));
  page.on('requestfailed', (request) =>
    problems.push({ kind: 'request-failed', text: `${request.url()}: ${request.failure()?.errorText ?? 'failed'}` }),
  );
  await page.exposeFunction('__convgradReportCsp', (text: string) => problems.push({ kind: 'csp-violation', text }));
  await page.addInitScript({ content: CSP_LISTENER });
  return problems;
}

export function describeProblems(problems: readonly PageProblem[]): string {
  return problems.map((p) => `${p.kind}: ${p.text}`).join('\n');
}
