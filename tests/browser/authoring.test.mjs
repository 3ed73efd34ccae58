// An author's additions to the default site, in Chromium: a section (content/posts/_index.md) whose
// page lists its pages and is in the menu, a page in it that the list links to, an author shortcode
// (templates/shortcodes/note.mustache) that shows a figure linked to its source, and [nav] ordering
// the menu. No console errors on any of these pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleProblems, launch, openPage, serve } from './lib.mjs';

const root = new URL('../..', import.meta.url).pathname;
const bin = process.env.COSTBOOK_BIN || join(root, 'build/native/site/costbook');
let out, server, browser;

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'costbook-authoring-'));
  const s = join(out, 'src');
  for (const part of ['site.toml', 'content', 'templates', 'static', 'data']) cpSync(join(root, part), join(s, part), { recursive: true });
  mkdirSync(join(s, 'content/posts'));
  writeFileSync(join(s, 'content/posts/_index.md'), '+++\ntitle = "Posts"\ndescription = "Short notes on the numbers."\n+++\n\nEvery post, newest first.\n');
  writeFileSync(join(s, 'content/posts/first.md'), '+++\ntitle = "The first post"\ndate = 2025-01-10\ndescription = "Where it started."\n+++\n\nFirst.\n');
  writeFileSync(join(s, 'content/posts/second.md'),
    '+++\ntitle = "The second post"\ndate = 2025-02-20\n+++\n\n{{< note kind="tip" text="R1\'s RL stages took" >}}\n\n' +
    'V3 trained on {{< figure "deepseek-v3.tokens" unit=false >}} tokens.\n');
  mkdirSync(join(s, 'templates/shortcodes'));
  writeFileSync(join(s, 'templates/shortcodes/note.mustache'),
    '<aside class="note note-{{kind}}"><strong>{{kind}}:</strong> {{text}} {{{figures.deepseek-r1.total_gpu_hours.html}}}.</aside>\n');
  writeFileSync(join(s, 'site.toml'), readFileSync(join(s, 'site.toml'), 'utf8') + '\n[nav]\npages = ["/", "/posts/", "/methodology/"]\n');
  execFileSync(bin, ['build', '--site', s, '--out', join(out, 'site')]);
  execFileSync(bin, ['check', '--site', s]);
  server = await serve(join(out, 'site'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

test('a section page lists its pages, newest first, and its links lead to them', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.url}posts/`);
  assert.equal(await page.locator('h1').textContent(), 'Posts');
  const items = page.locator('ul.section-pages li');
  assert.deepEqual(await items.locator('a').allTextContents(), ['The second post', 'The first post']);
  assert.match(await items.nth(1).textContent(), /2025-01-10\s*Where it started\./);
  // The menu is [nav]'s, in its order, with the section marked current.
  assert.deepEqual(await page.locator('.site-nav a').allTextContents(), ['Home', 'Posts', 'Methodology']);
  assert.equal(await page.locator('.site-nav a[aria-current="page"]').textContent(), 'Posts');
  await items.locator('a').first().click();
  await page.waitForURL(`${server.url}posts/second/`);
  assert.equal(await page.locator('h1').textContent(), 'The second post');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('an author shortcode shows its arguments and a figure that links to its source; unit=false drops the unit', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.url}posts/second/`);
  const note = page.locator('aside.note-tip');
  assert.match(await note.textContent(), /^tip: R1's RL stages took \S+ GPU-hours\.$/);
  assert.match(await page.locator('article p', { hasText: 'V3 trained on' }).textContent(), /^V3 trained on [\d.]+T tokens\.$/);
  await note.locator('a.cb-fig').click();
  await page.waitForURL(/\/sources\/#src-/);
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  assert.equal(await page.locator(`[id="${id}"]`).count(), 1);
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});
