// Live reload under `costbook serve`, in Chromium: the pages keep their published
// Content-Security-Policy (scripts from 'self' only), and the live-reload script still runs: a save
// reloads the open page, a broken build shows its errors over it, the fix takes them away.
// Serves a temporary copy of the default site (its pages carry the policy), with the binary
// tests/browser/run names in COSTBOOK_BIN.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleProblems, costbookServe, launch, openPage } from './lib.mjs';

let work, site, serve, url, browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'costbook-live-'));
  site = join(work, 'site');
  for (const part of ['site.toml', 'content', 'data', 'templates', 'static']) {
    cpSync(join(process.cwd(), part), join(site, part), { recursive: true });
  }
  serve = await costbookServe(site);
  url = serve.url;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const live = (page) => page.waitForFunction(() => document.documentElement.dataset.costbookLive === 'open',
                                             null, { timeout: 10000 });

test('a save reloads the open page; a broken build shows its error over it until the fix', async () => {
  const index = join(site, 'content', 'index.md');
  const original = readFileSync(index, 'utf8');
  const page = await openPage(browser);
  await page.goto(url);

  // The page keeps the policy it is published with, and loads the script as a file of 'self'.
  const head = readFileSync(join(site, 'templates', 'partials', 'head.mustache'), 'utf8');
  const published = head.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
  assert.match(published, /script-src 'self' 'wasm-unsafe-eval';/);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.equal(csp, published);
  assert.equal(await page.locator('script[src="/__costbook/live.js"]').count(), 1);
  await live(page);

  writeFileSync(index, `${original}\nSaved while the page was open.\n`);
  await page.waitForFunction(() => document.body.innerText.includes('Saved while the page was open.'),
                             null, { timeout: 10000 });
  await live(page);

  writeFileSync(index, original.replace('title = "What did DeepSeek cost?"', 'title = "What did DeepSeek cost?'));
  const overlay = page.locator('#costbook-error');
  await overlay.waitFor({ state: 'visible', timeout: 10000 });
  assert.match(await overlay.textContent(), /content\/index\.md:\d+:\d+: error:/);
  assert.equal(await overlay.getAttribute('role'), 'alert');
  assert.ok(await page.evaluate(() => document.body.innerText.includes('Saved while the page was open.')),
            'the last good page stays under the overlay');

  writeFileSync(index, `${original}\nFixed again.\n`);
  await page.waitForFunction(() => document.body.innerText.includes('Fixed again.'), null, { timeout: 10000 });
  assert.equal(await overlay.count(), 0, 'the overlay goes with the reload');
  await live(page);

  assert.deepEqual(consoleProblems(page), [], 'no console errors: no script was blocked by the policy');
  await page.context().close();
});

test('a page opened while the build is broken shows the error at once', async () => {
  const index = join(site, 'content', 'index.md');
  const original = readFileSync(index, 'utf8');
  const page = await openPage(browser);
  await page.goto(url);
  await live(page);
  writeFileSync(index, original.replace('+++\n\n', '+++\n\n{{< figure "no-such.figure" >}}\n\n'));
  await page.locator('#costbook-error').waitFor({ state: 'visible', timeout: 10000 });

  const late = await openPage(browser);
  await late.goto(`${url}methodology/`);
  await late.locator('#costbook-error').waitFor({ state: 'visible', timeout: 10000 });
  assert.match(await late.locator('#costbook-error').textContent(), /no-such\.figure/);

  writeFileSync(index, original);
  await late.waitForFunction(() => !document.getElementById('costbook-error') &&
                                   document.documentElement.dataset.costbookLive === 'open',
                             null, { timeout: 10000 });
  assert.deepEqual(consoleProblems(late), []);
  await page.context().close();
  await late.context().close();
});
