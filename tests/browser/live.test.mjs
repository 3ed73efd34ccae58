// Live prose and what drives the spread, in Chromium: a figure bound to the calculator keeps the
// page's value in the static HTML, follows a slider through core's text (the headline's string),
// says it changed and from what, and one announcement is made when the drag settles; the spread's
// list and its chart are in Chromium's accessibility tree. On the default site and the example.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleProblems, drag, launch, openPage, serve, site, waitForCalculator } from './lib.mjs';

const root = new URL('../..', import.meta.url).pathname;
const bin = process.env.COSTBOOK_BIN || join(root, 'build/native/site/costbook');
let out, home, llama, browser;
before(async () => {
  out = mkdtempSync(join(tmpdir(), 'costbook-live-'));
  execFileSync(bin, ['build', '--site', join(root, 'examples/llama-3.1-405b'), '--out', join(out, 'site')]);
  home = await serve(site());
  llama = await serve(join(out, 'site'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await home?.close();
  await llama?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Every live figure bound to calc-0: its key, its text now, the page's value, its marks. */
const liveFigures = (page) => page.locator('.cb-live[data-calc="calc-0"]').evaluateAll((els) => els.map((el) => ({
  key: el.dataset.live, page: el.dataset.page, text: el.querySelector('.cb-fig').firstChild.textContent,
  on: el.classList.contains('cb-live-on'), changed: el.classList.contains('cb-live-changed'),
  was: el.querySelector('.cb-live-was')?.textContent || '' })));
/** Counts what the calculator's status region says from now on. */
const watchNotes = (page) => page.evaluate(() => {
  window.__notes = [];
  const note = document.querySelector('#calc-0 .cb-calc-note');
  new MutationObserver(() => window.__notes.push(note.textContent)).observe(note, { childList: true, characterData: true, subtree: true });
});
const liveLine = (page) => page.locator('#calc-0 .cb-calc-live').textContent();

async function followsADrag(page, url, key, slider) {
  await page.goto(url);
  const before = await liveFigures(page);
  const total = before.find((f) => f.key === key);
  assert.ok(total, `the page has a live ${key}`);
  assert.equal(total.text, total.page, 'the static HTML holds the page value');
  assert.equal(total.on, false, 'not marked live before the calculator runs');
  await waitForCalculator(page);
  const started = await liveFigures(page);
  assert.ok(started.every((f) => f.on && !f.changed && f.text === f.page), 'marked live, unchanged at the page scenario');
  assert.ok((await liveLine(page)).endsWith(': ' + total.page), 'the page value is the calculator headline');
  await watchNotes(page);
  await drag(page, slider);
  const after = (await liveFigures(page)).find((f) => f.key === key);
  assert.notEqual(after.text, total.page, 'the figure followed the slider');
  assert.ok((await liveLine(page)).endsWith(': ' + after.text), `core's string, as the headline: ${after.text}`);
  assert.ok(after.changed, 'marked changed');
  assert.equal(after.was, ` (page: ${total.page})`, 'says from what');
  const notes = (await page.evaluate(() => window.__notes)).filter((n) => n.startsWith('In the text:'));
  assert.equal(notes.length, 1, `announced once for the whole drag: ${notes.join(' | ')}`);
  assert.ok(notes[0].includes(`${after.text} (page: ${total.page})`), notes[0]);
  assert.deepEqual(consoleProblems(page), []);
}

test('a live figure follows a slider on the default site, marked changed, announced once', async () => {
  const page = await openPage(browser);
  await followsADrag(page, home.url + 'what-is-counted/', 'calc.ladder_total_usd', 'key:people_usd');
  // The rate's figure did not move: still the page's value, not marked changed.
  const rate = (await liveFigures(page)).find((f) => f.key === 'input.rate');
  assert.ok(rate && rate.on && !rate.changed && rate.text === rate.page, JSON.stringify(rate));
  await page.context().close();
});

test('a live figure follows a slider on the example site', async () => {
  const page = await openPage(browser);
  await followsADrag(page, llama.url, 'calc.ladder_total_usd', 'key:rate');
  await page.context().close();
});

test('what drives the spread is in the accessibility tree: the calculator list and the page chart', async () => {
  const page = await openPage(browser);
  await page.goto(home.url + 'what-is-counted/');
  await waitForCalculator(page);
  await page.waitForSelector('#calc-0 .cb-calc-spread li', { state: 'attached' });
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const named = (role, prefix) => nodes.filter((n) => !n.ignored && n.role?.value === role && (n.name?.value || '').startsWith(prefix));
  const lists = named('list', 'What drives the spread');
  assert.equal(lists.length, 1, 'the calculator list, named');
  const items = await page.locator('#calc-0 .cb-calc-spread li').allTextContents();
  assert.ok(items.length > 0 && items.every((t) => /: [0-9.]+% of the variance; .+ at .+, .+ at .+/.test(t)), items.join(' | '));
  const charts = named('image', 'What drives the spread of');
  assert.equal(charts.length, 1, 'the SVG chart, an image with its title');
  const chartText = await page.locator('svg.cb-tornado desc').textContent();
  // The page's chart and the calculator at the page's scenario read the same inputs, shares and ends.
  for (const item of items) {
    const [label, rest] = item.split(': ');
    const share = rest.split(' of the variance')[0];
    assert.ok(chartText.includes(`${label} (${share} of the variance)`), `${label} ${share} in the chart: ${chartText}`);
  }
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});
