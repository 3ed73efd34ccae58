// What a derived figure is made of, and why an assumption is assumed, on a phone: a tap (no hover on
// a touch screen) and a keyboard focus both show the text the figure's title carries, which is what
// a screen reader reads as its description. Every derived figure and assumption of the site is a
// tab stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, pages, serve, site } from './lib.mjs';

// The first page of the built site that has a derived figure and one that has an assumption.
function firstWith(cls) {
  for (const p of pages(site())) if (readFileSync(join(site(), p, 'index.html'), 'utf8').includes(`class="cb-fig ${cls}"`)) return p;
  return null;
}

const shown = (page, sel) => page.$eval(sel, (el) => {
  const after = getComputedStyle(el, '::after');
  return { content: after.content, display: after.display, title: el.getAttribute('title'),
         };
});

test('a tap or a focus on a derived figure or an assumption shows what it is made of, at 390 px with touch', async () => {
  const server = await serve(site());
  const browser = await launch();
  try {
    for (const cls of ['cb-derived', 'cb-assumption']) {
      const path = firstWith(cls);
      assert.ok(path !== null, `the default site has a figure marked ${cls}`);
      const page = await openPage(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      await page.goto(server.url + path);
      const sel = `.cb-fig.${cls}`;
      const before = await shown(page, sel);
      assert.equal(before.content, 'none', 'nothing is shown before the reader asks');
      assert.ok(before.title.startsWith(cls === 'cb-derived' ? 'Derived: ' : 'Assumption: '), before.title);
      await page.tap(sel);
      const tapped = await shown(page, sel);
      assert.equal(tapped.content, JSON.stringify(before.title), 'a tap shows the title text');
      await page.evaluate(() => document.activeElement.blur());
      assert.equal((await shown(page, sel)).content, 'none');
      // The keyboard: Tab reaches it, and focus shows the same text.
      const reached = await page.evaluate(async (s) => {
        const el = document.querySelector(s);
        return el.tabIndex === 0;
      }, sel);
      assert.ok(reached, 'the figure is a tab stop');
      await page.focus(sel);
      assert.equal((await shown(page, sel)).content, JSON.stringify(before.title));
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
