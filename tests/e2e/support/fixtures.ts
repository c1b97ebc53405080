// The shared test fixture for browser specs. Usage:
//   import { test, expect } from './support/fixtures';
//   test('...', async ({ appPage }) => { ... });
// `appPage` is the served web build, opened and rendered; the test fails afterwards if the page
// logged a console error, threw, violated the CSP or had a request fail. A spec that provokes
// an error on purpose opts out with `test.use({ allowPageProblems: true })` and may inspect
// the `pageProblems` fixture itself.
import { expect, test as base, type Page } from '@playwright/test';
import { describeProblems, recordPageProblems, type PageProblem } from './page-problems';

export interface AppFixtures {
  allowPageProblems: boolean;
  pageProblems: PageProblem[];
  appPage: Page;
}

/** Resolves once the Svelte app has put something into #app. */
export async function waitForFirstRender(page: Page): Promise<void> {
  await page.locator('#app > *').first().waitFor({ state: 'attached' });
}

export const test = base.extend<AppFixtures>({
  allowPageProblems: [false, { option: true }],
  pageProblems: async ({ page, allowPageProblems }, use) => {
    const problems = await recordPageProblems(page);
    await use(problems);
    if (!allowPageProblems) expect(problems, describeProblems(problems)).toEqual([]);
  },
  appPage: async ({ page, pageProblems }, use) => {
    void pageProblems; // requested so recording starts before navigation
    await page.goto('./');
    await waitForFirstRender(page);
    await use(page);
  },
});

export { expect };
