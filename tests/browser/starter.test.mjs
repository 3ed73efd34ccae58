// The starter as an author first changes it: `costbook new`, one assumption added (the model's rate),
// built. In Chromium the figure reads as an assumption with its reason, its label leads to the
// starter's own table of assumptions, and every page of the site loads without a console problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleProblems, launch, openPage, serve, waitForCalculator } from './lib.mjs';

test("an author's first assumption in the starter is labelled, with its reason, and links to the starter's table", async () => {
  const bin = process.env.COSTBOOK_BIN;
  assert.ok(bin, 'COSTBOOK_BIN is set by tests/browser/run');
  const tmp = mkdtempSync(join(tmpdir(), 'costbook-starter-'));
  let browser, served;
  try {
    const site = join(tmp, 'site');
    execFileSync(bin, ['new', site]);
    const reason = 'what our cloud charges us';
    appendFileSync(join(site, 'data/models/smollm3-3b.toml'), `\n[rate]\nusd_per_gpu_hour = 2\nassumption = true\nreason = "${reason}"\n`);
    appendFileSync(join(site, 'content/index.md'), '\nAt our rate, {{< figure "smollm3-3b.rate" >}}, it cost {{< figure "smollm3-3b.total_cost_usd" >}}.\n');
    execFileSync(bin, ['build', '--site', site]);
    execFileSync(bin, ['check', '--site', site]);
    // The rate as the data gives it, formatted by costbook: read from its own calc output.
    const rate = JSON.parse(execFileSync(bin, ['calc', '--site', site, '--model', 'smollm3-3b', '--json']).toString());
    served = await serve(join(site, 'public'));
    browser = await launch();
    const page = await openPage(browser);
    await page.goto(served.url);
    await waitForCalculator(page);
    const label = page.locator('.cb-assumption', { hasText: rate.text.usd_per_gpu_hour }).first();
    assert.equal(await label.getAttribute('title'), `Assumption: ${reason}`);
    assert.match(await label.innerText(), /assumption/);
    await label.locator('a').click();
    await page.waitForURL(/\/methodology\/#cb-assumptions$/);
    const table = page.locator('#cb-assumptions');
    assert.ok(await table.isVisible(), 'the table of assumptions is on the page the label leads to');
    assert.match(await table.innerText(), new RegExp(reason));
    assert.deepEqual(consoleProblems(page), []);
  } finally {
    await browser?.close();
    await served?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
