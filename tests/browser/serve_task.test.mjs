// The serving and cost-per-task calculators on /inference/: the wasm core prints what the native
// core printed into the page, and a scenario in the #hash moves them to what `costbook calc`
// computes for it (the native CLI is the oracle: no figure is typed here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleProblems, launch, openPage, serve, site, waitForCalculator } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(site()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const live = (page, figure) => page.locator(`${figure} .cb-calc-live`).textContent();

/** `costbook calc --tab TAB --json` for a scenario: the rows core formats for that tab. */
function cliRows(tab, scenario) {
  const bin = process.env.COSTBOOK_BIN;
  assert.ok(bin, 'COSTBOOK_BIN is set by tests/browser/run');
  const out = execFileSync(bin, ['calc', '--site', process.cwd(), '--tab', tab, '--json', '--scenario', scenario]);
  return Object.fromEntries(JSON.parse(out)[tab].rows.map((r) => [r.label, r.value]));
}

/** The id of the calculator embedded with data-tab="tab" on the page's static HTML, and its headline. */
function embedded(html, tab) {
  const m = html.match(new RegExp(`<figure class="cb-calc" id="(calc-\\d+)"[^>]*data-tab="${tab}"[\\s\\S]*?class="cb-calc-live"[^>]*>([^<]*)<`));
  assert.ok(m, `a ${tab} calculator is on the page`);
  return { id: `#${m[1]}`, headline: m[2] };
}

test('the serving calculator starts at DeepSeek\'s day and a lower billed share lowers the margin', async () => {
  const html = readFileSync(join(site(), 'inference', 'index.html'), 'utf8');
  const serveCalc = embedded(html, 'serve');
  assert.equal(serveCalc.headline, `Margin on cost: ${cliRows('serve', '')['Margin on cost (profit ÷ cost)']}`);
  const page = await openPage(browser);
  await page.goto(`${server.url}inference/`);
  await waitForCalculator(page, serveCalc.id);
  assert.equal(await live(page, serveCalc.id), serveCalc.headline, 'wasm and native print the same margin');
  await page.goto(`${server.url}inference/${serveCalc.id}:billed=0.3`);
  await page.reload();
  await waitForCalculator(page, serveCalc.id);
  const expected = `Margin on cost: ${cliRows('serve', 'billed=0.3')['Margin on cost (profit ÷ cost)']}`;
  await page.waitForFunction(([sel, text]) => document.querySelector(`${sel} .cb-calc-live`)?.textContent === text,
                             [serveCalc.id, expected], { timeout: 10000 });
  assert.notEqual(expected, serveCalc.headline);
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('the task calculator prices one task in dollars, and in yuan when asked', async () => {
  const html = readFileSync(join(site(), 'inference', 'index.html'), 'utf8');
  const taskCalc = embedded(html, 'task');
  assert.equal(taskCalc.headline, `Cost per task: ${cliRows('task', '')['Cost per task']}`);
  const page = await openPage(browser);
  await page.goto(`${server.url}inference/${taskCalc.id}:task_think=0&currency=cny`);
  await waitForCalculator(page, taskCalc.id);
  const yuan = cliRows('task', 'task_think=0&currency=cny')['Cost per task in yuan'];
  assert.equal(await live(page, taskCalc.id), `Cost per task: ${yuan}`);
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});
