// The example site examples/llama-3.1-405b, built by the costbook binary as an author would: its
// calculator draws with that model's ladder, rungs and headline, only the tabs its data supports,
// and no DeepSeek string reaches its output or its page. Also the default site's marks: while its
// fleet rung is counted, the rungs and the rate it stands in for say so beside their controls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  consoleProblems, controlRect, decodePng, drag, inkShare, launch, openPage, serve, site, waitForCalculator,
} from './lib.mjs';

const root = new URL('../..', import.meta.url).pathname;
const bin = process.env.COSTBOOK_BIN || join(root, 'build/native/site/costbook');
let out, llama, home, browser;

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'costbook-example-'));
  execFileSync(bin, ['build', '--site', join(root, 'examples/llama-3.1-405b'), '--out', join(out, 'site')]);
  llama = await serve(join(out, 'site'));
  home = await serve(site());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await llama?.close();
  await home?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const live = (page) => page.locator('#calc-0 .cb-calc-live').textContent();
const probe = (page, what) => page.evaluate((w) => document.querySelector('#calc-0').costbookCalc.probe(w), what);
const hashMatches = (page, pattern) =>
  page.waitForFunction((source) => new RegExp(source).test(location.hash), pattern.source, { timeout: 10000 });
async function tap(page, what) {
  let r = await controlRect(page, what);
  await page.evaluate((y) => window.scrollBy(0, y - innerHeight / 2), r.y);
  await page.waitForTimeout(100);
  r = await controlRect(page, what);
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
}

/** The ladder the page's calculator carries: rungs as {id, kind, key, label} (core's write_ladder form). */
async function ladderOf(page) {
  const text = await page.locator('#calc-0').getAttribute('data-ladder');
  return text.split(';').slice(1).map((r) => {
    const [id, kind, key, , , label] = r.split(':');
    return { id, kind, key, label: decodeURIComponent(label) };
  });
}

test('no file of the built example carries a DeepSeek string', () => {
  const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  const files = walk(join(out, 'site'));
  assert.ok(files.some((f) => f.endsWith('calc.wasm')), 'the calculator is part of the output');
  for (const f of files) assert.equal(/deepseek/i.test(readFileSync(f, 'latin1')), false, f);
});

test("the example's calculator draws its model's ladder, its headline and its tabs only", async () => {
  const page = await openPage(browser);
  await page.goto(llama.url);
  const staticLive = await live(page);
  await waitForCalculator(page);
  assert.equal(await live(page), staticLive, 'the calculator writes the headline the generator wrote');
  assert.match(staticLive, /^Total counted: \$/);
  const png = decodePng(await page.locator('#calc-0 canvas').screenshot());
  assert.ok(inkShare(png) > 0.03, 'the canvas is not blank');
  // Its rungs are the example's own, with their labels, and the default site's are absent.
  const rungs = await ladderOf(page);
  assert.deepEqual(rungs.map((r) => r.id), ['run405', 'herd', 'research', 'epoch']);
  for (const r of rungs) assert.ok(await controlRect(page, `rung:${r.id}`), `rung ${r.id} is drawn`);
  for (const id of ['rl', 'final', 'fleet', 'people']) assert.equal(await controlRect(page, `rung:${id}`), null);
  const rows = await page.locator('#calc-0 .cb-calc-table th').allTextContents();
  for (const r of rungs) assert.ok(rows.includes(r.label), `the static table has ${r.label}`);
  // The tab strip: the tabs the page names, and no serving or task tab without their data.
  for (const t of ['counted', 'estimate', 'own']) assert.ok(await controlRect(page, `tab:${t}`), `tab ${t}`);
  for (const t of ['rl', 'inference', 'serve', 'task', 'time']) assert.equal(await controlRect(page, `tab:${t}`), null, `no tab ${t}`);
  assert.equal(/deepseek/i.test(await page.evaluate(() => document.body.innerText)), false);
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test("the example's sliders move its headline; a stand-in marks what it replaces", async () => {
  const page = await openPage(browser);
  await page.goto(llama.url);
  await waitForCalculator(page);
  const before = await live(page);
  await drag(page, 'key:train_gpu_hours');
  assert.notEqual(await live(page), before, "the 405B run's GPU-hours move the total");
  assert.equal(await probe(page, 'note:key:train_gpu_hours'), '');
  // Counting Epoch AI's estimate replaces the rented 405B run: its slider then says so.
  const rungs = await ladderOf(page);
  await tap(page, 'rung:epoch');
  await hashMatches(page, /count=run405,herd,epoch/);
  await page.waitForTimeout(300);
  const epoch = rungs.find((r) => r.id === 'epoch').label;
  assert.equal(await probe(page, 'note:rung:run405'), `does not move the total: \u201c${epoch}\u201d replaces it while it is counted`);
  assert.equal(await probe(page, 'note:key:herd_gpu_hours'), '', 'the other models are not replaced');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('on the default site, while the fleet is counted the rate and the runs say they do not move the total, and move it once the fleet is off', async () => {
  const page = await openPage(browser);
  await page.goto(home.url);
  await waitForCalculator(page);
  assert.match(await probe(page, 'note:key:rate'), /^does not move the total: .* replaces every rung priced at this rate while it is counted$/);
  for (const id of ['rl', 'final', 'research']) assert.match(await probe(page, `note:rung:${id}`), /^does not move the total: .* replaces it while it is counted$/);
  assert.equal(await probe(page, 'note:rung:people'), '', 'data and people add to the total');
  await tap(page, 'rung:fleet');
  await hashMatches(page, /count=rl,final,research,people(&|$)/);
  await page.waitForTimeout(300);
  assert.equal(await probe(page, 'note:key:rate'), '', 'without the fleet the rate moves the total');
  const before = await live(page);
  await drag(page, 'key:rate');
  assert.notEqual(await live(page), before);
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test("the serving tab's headline, outside its band, says why", async () => {
  const page = await openPage(browser);
  await page.goto(`${home.url}#calc-0:tab=serve`);
  await waitForCalculator(page);
  await page.waitForFunction(() => document.querySelector('#calc-0').costbookCalc.probe('band-note') !== '', null, { timeout: 10000 });
  assert.match(await probe(page, 'band-note'), /^The headline lies above this band because it takes Share of tokens billed at 100%, the top of its range/);
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});
