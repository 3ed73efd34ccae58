// Embeds, in Chromium: a page of another origin on loopback (a second server, on another port)
// frames a calculator's embed URL under `costbook serve`, and the calculator draws there with the
// #hash it was given; framing an ordinary page of the site is refused (frame-ancestors 'self').
// The calculator's Embed button, on the page and in its DOM mirror, copies the <iframe> with the
// current #hash, with the same status message rules as Copy link. Also: data.json matches
// schemas/data.schema.json (ajv) on the default site and the example site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { consoleProblems, controlRect, costbookServe, launch, openPage, site, waitForCalculator } from './lib.mjs';

const BIN = process.env.COSTBOOK_BIN;
let work, serve, url, other, otherUrl, browser;

/** The other origin: one page that frames `src` (an embed) and `page` (an ordinary page). */
function startOther() {
  other = createServer((req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>Another site</title><h1>Another site</h1>
<iframe id="embed" src="${q.get('embed')}" width="900" height="1100" title="embedded calculator"></iframe>
<iframe id="page" src="${q.get('page')}" width="900" height="400" title="an ordinary page"></iframe>`);
  });
  return new Promise((resolve) => other.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${other.address().port}/`)));
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'costbook-embed-'));
  for (const part of ['site.toml', 'content', 'data', 'templates', 'static']) {
    cpSync(join(process.cwd(), part), join(work, 'site', part), { recursive: true });
  }
  serve = await costbookServe(join(work, 'site'));
  url = serve.url;
  otherUrl = await startOther();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (other ? other.close(resolve) : resolve()));
  await serve?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('another origin frames the embed and its calculator draws with the #hash; an ordinary page is refused', async () => {
  const page = await openPage(browser);
  const refused = [];
  page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refused.push(m.text()); });
  const embedUrl = `${url}embed/rl/calc-0/#calc-0:rl_group=32`;
  assert.notEqual(new URL(otherUrl).origin, new URL(url).origin, 'the framing page is of another origin');
  await page.goto(`${otherUrl}?embed=${encodeURIComponent(embedUrl)}&page=${encodeURIComponent(`${url}rl/`)}`);
  const frame = await (await page.$('#embed')).contentFrame();
  await frame.waitForFunction(() => {
    const f = document.querySelector('#calc-0');
    return f && f.classList.contains('cb-ready') && !f.hasAttribute('aria-busy') && window.__draws > 0;
  }, null, { timeout: 30000 });
  // The #hash applied: the headline differs from the embed's static text, and the hash stays.
  const [live, table] = await frame.evaluate(() => [document.querySelector('#calc-0 .cb-calc-live').textContent, location.hash]);
  assert.match(table, /^#calc-0:.*rl_group=32/);
  const plain = execFileSync(BIN, ['calc', '--site', '.', '--tab', 'rl', '--scenario', 'rl_group=32'], { encoding: 'utf8' });
  assert.ok(live.length > 0);
  const headline = live.slice(live.indexOf(': ') + 2).split(';')[0];
  assert.ok(plain.includes(headline), `the framed calculator's headline (${headline}) is what costbook calc prints for the #hash`);
  // The link back to the page it comes from, in view: a #hash does not scroll the embed past it
  // (opened on its own on a phone, where the calculator is taller than the screen).
  const alone = await openPage(browser, { viewport: { width: 390, height: 700 } });
  await alone.goto(embedUrl);
  await alone.waitForFunction(() => document.querySelector('#calc-0.cb-ready:not([aria-busy])') && window.__draws > 0, null, { timeout: 30000 });
  assert.equal(await alone.evaluate(() => window.scrollY), 0, 'the embed is not scrolled past its credit line');
  await alone.context().close();
  assert.equal(await frame.locator('.cb-embed-credit a').getAttribute('target'), '_blank');
  assert.ok((await frame.locator('.cb-embed-credit a').getAttribute('href')).endsWith('/rl/'));
  // The ordinary page did not load inside the frame.
  const blocked = await (await page.$('#page')).contentFrame();
  await page.waitForTimeout(500);
  assert.ok(!blocked.url().startsWith(url), `the ordinary page is refused (frame at ${blocked.url()})`);
  assert.equal(await blocked.evaluate(() => document.querySelector('.cb-calc') === null), true);
  assert.ok(refused.some((t) => t.includes("frame-ancestors 'self'")), `Chromium says why: ${refused.join(' | ')}`);
  await page.context().close();
});

test('Embed copies the <iframe> for the current #hash, and says so as Copy link does', async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  await page.goto(`${url}rl/#calc-0:rl_group=32`);
  await waitForCalculator(page);
  const headline = await page.locator('#calc-0 .cb-calc-live').textContent();
  const r = await controlRect(page, 'copy-embed');
  assert.ok(r, 'the calculator shows Embed');
  await page.evaluate((y) => window.scrollBy(0, y - innerHeight / 2), r.y);
  await page.waitForTimeout(100);
  const at = await controlRect(page, 'copy-embed');
  await page.mouse.click(at.x + at.w / 2, at.y + at.h / 2);
  await page.waitForFunction(() => document.querySelector('#calc-0 .cb-calc-note').textContent === 'Embed code copied');
  assert.equal(await page.locator('#calc-0 .cb-calc-live').textContent(), headline, 'the headline stays in its live region');
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(snippet, new RegExp(`^<iframe src="${url.replace(/[.]/g, '\\.')}embed/rl/calc-0/#calc-0:v=1&amp;rl_group=32" title="[^"]+" width="100%" height="\\d+" style="border:0" loading="lazy"></iframe>$`));
  await page.waitForFunction(() => document.querySelector('#calc-0 .cb-calc-note').textContent === '', null, { timeout: 5000 });
  // The DOM mirror has the button too, for the keyboard and screen readers.
  const mirror = page.locator('#calc-0 .cb-calc-mirror button', { hasText: 'Embed' });
  assert.equal(await mirror.count(), 1);
  await mirror.focus();   // the canvas lies over its twin: the keyboard's way in
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#calc-0 .cb-calc-note').textContent === 'Embed code copied');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('data.json matches its committed JSON Schema on the default site and the example site', () => {
  const schema = JSON.parse(readFileSync('schemas/data.schema.json', 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  const example = join(work, 'example');
  execFileSync(BIN, ['build', '--site', 'examples/llama-3.1-405b', '--out', example]);
  for (const dir of [site(), example]) {
    const data = JSON.parse(readFileSync(join(dir, 'data.json'), 'utf8'));
    assert.ok(validate(data), `${dir}/data.json: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    assert.ok(data.figures.length > 50);
  }
  // The schema can fail: a figure without its text is refused.
  const data = JSON.parse(readFileSync(join(site(), 'data.json'), 'utf8'));
  delete data.figures[0].text;
  assert.equal(validate(data), false);
});
