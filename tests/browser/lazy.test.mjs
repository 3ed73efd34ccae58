// Page weight: a page whose calculator the reader never comes near fetches neither calc.js nor
// calc.wasm; coming near it fetches them, once, and it draws.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, pages, serve, site, waitForCalculator } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(site()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const calcFiles = (from) => server.requests.slice(from).filter((p) => /\/calc\.(js|wasm)$/.test(p));

// A short window, so that "far" is a few screens of an ordinary page.
const viewport = { width: 1280, height: 400 };

/** A page of the built site whose first calculator sits more than three screens below the top. */
async function farPage(page) {
  for (const rel of pages(site())) {
    await page.goto(server.url + rel);
    const top = await page.evaluate(() => {
      const f = document.querySelector('figure.cb-calc');
      return f ? f.getBoundingClientRect().top + scrollY : -1;
    });
    if (top > 3 * viewport.height + 200) return rel;
  }
  return null;
}

test('a calculator the reader never comes near is not downloaded; scrolling near it downloads it once', async () => {
  const page = await openPage(browser, { viewport });
  const rel = await farPage(page);
  assert.ok(rel !== null, 'the default site has a page whose calculator is far down');
  const from = server.requests.length;
  await page.goto(server.url + rel);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  assert.deepEqual(calcFiles(from), [], `${rel}: nothing of the calculator fetched at the top of the page`);
  await page.locator('#calc-0').scrollIntoViewIfNeeded();
  await waitForCalculator(page, '#calc-0');
  assert.deepEqual(calcFiles(from).sort(), ['/calc.js', '/calc.wasm'], 'fetched once each when it came near');
  await page.context().close();
});
