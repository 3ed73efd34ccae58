// Every page of the default site loads with no console errors or warnings and no requests
// beyond the site's own files; every calculator on it starts and draws.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { consoleProblems, launch, openPage, pages, serve, site } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(site()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('every page loads without console errors or warnings, and its calculators draw', async () => {
  const paths = pages(site());
  assert.ok(paths.length > 5, `the default site has pages (${paths.length})`);
  let calculators = 0;
  for (const path of paths) {
    const page = await openPage(browser);
    await page.goto(server.url + path, { waitUntil: 'load' });
    const figures = await page.locator('figure.cb-calc').count();
    for (let i = 0; i < figures; i++) {
      const figure = page.locator('figure.cb-calc').nth(i);
      await figure.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => el.classList.contains('cb-ready') && el.costbookCalc,
                                 await figure.elementHandle(), { timeout: 20000 });
      calculators++;
    }
    if (figures) await page.waitForFunction(() => window.__draws > 0);
    await page.waitForTimeout(300);
    assert.deepEqual(consoleProblems(page), [], `/${path}: console`);
    assert.deepEqual(page.foreign, [], `/${path}: requests beyond the site`);
    await page.context().close();
  }
  assert.ok(calculators >= 1, 'the default site embeds a calculator');
});
