// Pin and compare, download and copy: pinning keeps the scenario, a slider drag then shows the
// difference and its parts (in the canvas, the aria-live text and the static table), each string
// what `costbook calc --compare` prints for the same two scenarios; the CSV and JSON downloads are
// byte for byte what `costbook calc --csv` / `--export json` print; Copy link puts the share link on
// the clipboard (navigator.clipboard, and the execCommand fallback).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { consoleProblems, controlRect, drag, launch, openPage, serve, site, waitForCalculator } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(site()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const BIN = process.env.COSTBOOK_BIN;
/** What the command prints: the figures tests expect come from core, not from typing. */
const costbook = (...args) => execFileSync(BIN, ['calc', '--site', '.', ...args], { encoding: 'utf8' });

const live = (page) => page.locator('#calc-0 .cb-calc-live').textContent();
const tableRows = (page) => page.locator('#calc-0 .cb-calc-table tr').evaluateAll((trs) =>
  trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent]));
const pageScenario = (page) => page.locator('#calc-0').getAttribute('data-scenario');
// The scenario part of the share link (core's write_link(): `v=1&<changed keys>[&pin=...]`).
const hashPayload = (page) => page.evaluate(() =>
  location.hash.replace(/^#calc-0:/, '').split('&').filter((p) => !/^(v|pin)=/.test(p)).map(decodeURIComponent).join('&'));

async function click(page, what) {
  let r = await controlRect(page, what);
  assert.ok(r, `the calculator shows ${what}`);
  await page.evaluate((y) => window.scrollBy(0, y - innerHeight / 2), r.y);
  await page.waitForTimeout(100);
  r = await controlRect(page, what);
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
}

test('Pin keeps the scenario; after a slider drag the difference and its part are core\'s strings', async () => {
  const page = await openPage(browser);
  await page.goto(server.url);
  await waitForCalculator(page);
  const headline = await live(page);
  await click(page, 'pin');
  await page.waitForFunction(() => document.querySelector('#calc-0 .cb-calc-live').textContent.includes('; pinned '));
  assert.ok(await controlRect(page, 'unpin'), 'Pin became Unpin');
  const value = headline.slice(headline.indexOf(': ') + 2);
  assert.equal(await live(page), `${headline}; pinned ${value}; difference 0`, 'pinned and now are the same');

  await drag(page, 'key:people_usd');
  const scenario = await pageScenario(page);
  const expected = JSON.parse(costbook('--compare', scenario, `${scenario}&${await hashPayload(page)}`, '--json'))
    .comparisons[0];
  assert.equal(expected.breakdown.length, 1, 'one input differs');
  const part = expected.breakdown[0];
  assert.equal(await live(page), `${expected.label}: ${expected.text.b}; pinned ${expected.text.a}; difference ${expected.text.difference}`);
  assert.notEqual(expected.text.difference, '0');
  const rows = await tableRows(page);
  assert.deepEqual(rows.find(([label]) => label === 'Difference'), ['Difference', expected.text.difference]);
  assert.deepEqual(rows.find(([label]) => label.startsWith(`${part.label}: `)),
                   [`${part.label}: ${part.from} → ${part.to}`, part.text], 'the part, as the static table says it');

  await click(page, 'unpin');
  await page.waitForFunction(() => !document.querySelector('#calc-0 .cb-calc-live').textContent.includes('; pinned '));
  assert.equal(await live(page), `${expected.label}: ${expected.text.b}`, 'unpinned: the headline alone');
  assert.ok(!(await tableRows(page)).some(([label]) => label === 'Difference'), 'and the table drops the comparison');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('the keyboard reaches Pin, and Space pins', async () => {
  const page = await openPage(browser);
  await page.goto(server.url);
  await waitForCalculator(page);
  await page.locator('#calc-0 canvas').focus();
  await page.waitForTimeout(100);
  const focused = () => page.evaluate(() => document.querySelector('#calc-0').costbookCalc.probe('focus'));
  for (let i = 0; i < 20 && (await focused()) !== 'pin'; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'pin');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#calc-0 .cb-calc-live').textContent.includes('; pinned '));
  assert.equal(await focused(), 'unpin', 'focus stays on the button, now Unpin');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('a button\'s hover ends when the pointer leaves the calculator', async () => {
  const page = await openPage(browser);
  await page.goto(server.url);
  await waitForCalculator(page);
  const r = await controlRect(page, 'pin');
  const clip = { x: r.x, y: r.y, width: r.w, height: r.h };
  const idle = await page.screenshot({ clip });
  await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
  await page.waitForTimeout(300);
  assert.notDeepEqual(await page.screenshot({ clip }), idle, 'Pin is drawn hovered');
  await page.mouse.move(r.x + r.w / 2, r.y - 400);   // off the canvas, above it
  await page.waitForTimeout(300);
  assert.deepEqual(await page.screenshot({ clip }), idle, 'and back to normal once the pointer has left');
  await page.context().close();
});

test('Download CSV and Download JSON save what `costbook calc --csv` and `--export json` print', async () => {
  const page = await openPage(browser);
  const change = 'rate=2.5&count=rl,final';
  await page.goto(`${server.url}#calc-0:${change}`);
  await waitForCalculator(page);
  const scenario = `${await pageScenario(page)}&${change}`;
  for (const [button, args, name] of [['download:csv', ['--csv'], 'csv'], ['download:json', ['--export', 'json'], 'json']]) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), click(page, button)]);
    assert.equal(download.suggestedFilename(), `costbook-deepseek-v3-counted.${name}`);
    const saved = readFileSync(await download.path(), 'utf8');
    assert.equal(saved, costbook(...args, '--scenario', scenario), `the ${name} download is the command's output`);
    if (name === 'json') {
      const j = JSON.parse(saved);
      assert.equal(j.inputs.find((i) => i.key === 'rate').source, null, 'the changed rate cites no source');
      assert.ok(j.inputs.find((i) => i.key === 'final_gpu_hours').source, 'the data\'s GPU-hours cite theirs');
    }
  }
  // blob: downloads pass the page's Content-Security-Policy: nothing in the console.
  assert.deepEqual(consoleProblems(page), []);
  assert.deepEqual(page.foreign, [], 'no request leaves the site');
  await page.context().close();
});

test('Copy link puts the share link on the clipboard and says so', async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.goto(`${server.url}#calc-0:rate=2.5`);
  await waitForCalculator(page);
  const headline = await live(page);
  await click(page, 'copy-link');
  // The message has a live region of its own: the headline's keeps the headline.
  await page.waitForFunction(() => document.querySelector('#calc-0 .cb-calc-note').textContent === 'Link copied');
  assert.equal(await live(page), headline, 'the headline stays in its live region');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.url}#calc-0:v=1&rate=2.5`);
  await page.waitForFunction(() => document.querySelector('#calc-0 .cb-calc-note').textContent === '',
                             null, { timeout: 5000 });  // "Copied" lasts two seconds
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('without navigator.clipboard, Copy link copies through a selected text field', async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
    const real = document.execCommand.bind(document);
    document.execCommand = (command, ...rest) => {
      if (command === 'copy') { window.__copied = document.activeElement.value; return true; }
      return real(command, ...rest);
    };
  });
  await page.goto(server.url);
  await waitForCalculator(page);
  await drag(page, 'key:rate');
  const payload = await page.evaluate(() => location.hash.slice(1));
  await click(page, 'copy-link');
  await page.waitForFunction(() => document.querySelector('#calc-0 .cb-calc-note').textContent === 'Link copied');
  assert.equal(await page.evaluate(() => window.__copied), `${server.url}#${payload}`);
  assert.equal(await page.evaluate(() => document.querySelectorAll('textarea').length), 0, 'the text field is gone');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});
