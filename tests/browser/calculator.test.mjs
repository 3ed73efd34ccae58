// The home page's calculator: it draws, a slider drag changes the result, the #hash and the
// aria-live text; the live text is the static table's string; a shared #hash restores; idle pages
// draw nothing; HiDPI backing store; keyboard; a bad #hash; several calculators, one module load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  consoleProblems, controlRect, decodePng, drag, inkShare, launch, openPage, serve, site, waitForCalculator,
} from './lib.mjs';

let server, browser;
before(async () => { server = await serve(site()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const live = (page, figure = '#calc-0') => page.locator(`${figure} .cb-calc-live`).textContent();
const draws = (page) => page.evaluate(() => window.__draws || 0);
/** The static table's rows as "label: value", the shape of the aria-live headline. */
const tableRows = (page) => page.locator('#calc-0 .cb-calc-table tr').evaluateAll((trs) =>
  trs.map((tr) => `${tr.querySelector('th').textContent}: ${tr.querySelector('td').textContent}`));
/** Waits for the page's #hash to match `pattern` (frames under SwiftShader can be slow). */
const hashMatches = (page, pattern) =>
  page.waitForFunction((source) => new RegExp(source).test(location.hash), pattern.source, { timeout: 10000 });

test('the calculator draws, and its first live text is the static table headline', async () => {
  const page = await openPage(browser);
  await page.goto(server.url);
  const staticLive = await live(page);
  const rows = await tableRows(page);
  await waitForCalculator(page);
  assert.ok(await page.locator('#calc-0').evaluate((f) => f.classList.contains('cb-ready')));
  assert.equal(await live(page), staticLive, 'the calculator writes the string the generator wrote');
  assert.ok(rows.includes(staticLive), `"${staticLive}" is a row of the static table: ${rows.join(' | ')}`);
  const png = decodePng(await page.locator('#calc-0 canvas').screenshot());
  assert.ok(inkShare(png) > 0.03, `the canvas is not blank (${(inkShare(png) * 100).toFixed(1)}% ink)`);
  assert.equal(page.url(), server.url, 'an untouched calculator writes no #hash');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('a slider drag changes the result, the #hash and the aria-live text; the #hash restores it', async () => {
  const page = await openPage(browser);
  await page.goto(server.url);
  await waitForCalculator(page);
  const before = await live(page);
  const entries = await page.evaluate(() => history.length);
  await drag(page, 'key:people_usd');  // data and people add to the total (the fleet replaces compute)
  const after = await live(page);
  assert.notEqual(after, before, 'the live text changed');
  const url = page.url();
  assert.match(new URL(url).hash, /^#calc-0:v=1&people_usd=[0-9.e~]+$/, 'the #hash holds its version and the changed key only');
  const table = await tableRows(page);
  assert.ok(table.includes(after), 'the static table follows the calculator');
  assert.equal(await page.evaluate(() => history.length), entries, 'replaceState: no history entries');

  const shared = await openPage(browser);
  await shared.goto(url);
  await waitForCalculator(shared);
  assert.equal(await live(shared), after, 'the shared #hash restores the same result');
  assert.equal(shared.url(), url, 'and keeps the #hash');
  assert.deepEqual(consoleProblems(page), []);
  assert.deepEqual(consoleProblems(shared), []);
  await page.context().close();
  await shared.context().close();
});

test('an idle page issues no WebGL draw calls, also after an interaction', async () => {
  const page = await openPage(browser);
  await page.goto(server.url);
  await waitForCalculator(page);
  await page.mouse.move(1, 1);
  await page.waitForTimeout(500);
  let n = await draws(page);
  await page.waitForTimeout(2000);
  assert.equal(await draws(page), n, 'no draws in 2 idle seconds after load');
  await drag(page, 'key:rate');
  await page.mouse.move(1, 1);
  await page.waitForTimeout(500);
  n = await draws(page);
  await page.waitForTimeout(2000);
  assert.equal(await draws(page), n, 'no draws in 2 idle seconds after a drag');
  await page.context().close();
});

test('at devicePixelRatio 2 the backing store is twice the CSS size', async () => {
  const page = await openPage(browser, { deviceScaleFactor: 2, viewport: { width: 390, height: 844 } });
  await page.goto(server.url);
  await waitForCalculator(page);
  const c = await page.locator('#calc-0 canvas').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { w: el.width, h: el.height, cssW: r.width, cssH: r.height, dpr: devicePixelRatio };
  });
  assert.equal(c.dpr, 2);
  assert.equal(c.w, Math.round(c.cssW * 2), `width ${c.w} for ${c.cssW} CSS px`);
  assert.equal(c.h, Math.round(c.cssH * 2), `height ${c.h} for ${c.cssH} CSS px`);
  await page.context().close();
});

test('the keyboard moves between controls, changes a slider, toggles a rung and leaves', async () => {
  const page = await openPage(browser);
  await page.goto(server.url);
  await waitForCalculator(page);
  const before = await live(page);
  await page.locator('#calc-0 canvas').focus();  // lands on the first control, the first tab
  await page.waitForTimeout(100);
  const focused = () => page.evaluate(() => document.querySelector('#calc-0').costbookCalc.probe('focus'));
  assert.match(await focused(), /^tab:/);
  // Tab order: the tabs, Pin, then each rung's checkbox and slider, then the rental rate.
  for (let i = 0; i < 30 && (await focused()) !== 'key:people_usd'; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'key:people_usd', 'Tab reaches the data-and-people slider');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await hashMatches(page, /people_usd=/);
  assert.notEqual(await live(page), before, 'ArrowRight on the data-and-people slider changed the total');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Space');
  await hashMatches(page, /count=rl,final,research,fleet/);  // Space unchecked the rung
  for (let i = 0; i < 30; i++) await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.classList.contains('cb-calc-canvas')), true,
                  'Tab past the last control leaves the calculator');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('a #hash with bad keys shows a message in the calculator and applies the good ones', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.url}#calc-0:rate=3&bogus=1&count=rl,final`);
  await waitForCalculator(page);
  assert.ok(await controlRect(page, 'dismiss'), 'the calculator shows the message (with its Dismiss button)');
  // (147K + 2.788M GPU-hours) x $3 = $8.805M: rate and count applied, `bogus` skipped.
  assert.equal(await live(page), 'Total counted: $8.805M');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('several calculators on a page share one load of calc.wasm, and each starts in view', async () => {
  const root = site();
  const home = readFileSync(join(root, 'index.html'), 'utf8');
  const figure = home.match(/<figure class="cb-calc"[\s\S]*?<\/figure>/)[0];
  const second = figure.replace('id="calc-0"', 'id="calc-1"').replace('data-tab="counted"', 'data-tab="own"')
    .replace('tab=counted', 'tab=own');
  const spacer = '<div style="height: 2500px"></div>';
  mkdirSync(join(root, 'multi'), { recursive: true });
  writeFileSync(join(root, 'multi', 'index.html'), home.replace(figure, figure + spacer + second));
  const page = await openPage(browser);
  const requestsBefore = server.requests.length;
  await page.goto(`${server.url}multi/`);
  await waitForCalculator(page, '#calc-0');
  assert.equal(await page.locator('#calc-1').evaluate((f) => f.classList.contains('cb-ready')), false,
               'the second calculator waits until it scrolls into view');
  await waitForCalculator(page, '#calc-1');
  const wasm = server.requests.slice(requestsBefore).filter((p) => p.endsWith('/calc.wasm'));
  assert.equal(wasm.length, 1, 'calc.wasm was fetched once');
  assert.match(await live(page, '#calc-1'), /^Owning, per GPU-hour: /);
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('a tap toggles a rung on a touch screen', async () => {
  const page = await openPage(browser, { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 },
                                         deviceScaleFactor: 2 });
  await page.goto(server.url);
  await waitForCalculator(page);
  let r = await controlRect(page, 'rung:fleet');
  await page.evaluate((y) => window.scrollBy(0, y - innerHeight / 2), r.y);
  await page.waitForTimeout(100);
  r = await controlRect(page, 'rung:fleet');
  await page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
  await hashMatches(page, /count=rl,final,research,people(&|$)/);  // the fleet rung is off
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});
