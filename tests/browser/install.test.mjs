// One binary: costbook copied alone into an empty folder (no build tree, no calc.* beside it)
// writes a starter site with `new`, builds it from another folder, and the page's calculator
// draws, from the calc.js and calc.wasm the binary carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleProblems, launch, openPage, serve, waitForCalculator } from './lib.mjs';

test('a copied costbook alone builds a starter site whose calculator draws', async () => {
  const bin = process.env.COSTBOOK_BIN;
  assert.ok(bin, 'COSTBOOK_BIN is set by tests/browser/run');
  const tmp = mkdtempSync(join(tmpdir(), 'costbook-copied-'));
  let browser, served;
  try {
    const copy = join(tmp, 'bin', 'costbook');
    execFileSync('mkdir', ['-p', join(tmp, 'bin'), join(tmp, 'work')]);
    copyFileSync(bin, copy);
    execFileSync('chmod', ['+x', copy]);
    assert.deepEqual(execFileSync('ls', [join(tmp, 'bin')]).toString().trim().split('\n'), ['costbook'], 'only the binary');
    const work = join(tmp, 'work');
    execFileSync(copy, ['new', 'site'], { cwd: work });
    const out = execFileSync(copy, ['build', '--site', 'site'], { cwd: work, env: { PATH: process.env.PATH } }).toString();
    assert.doesNotMatch(out, /without the calculator/, out);
    const pub = join(work, 'site', 'public');
    for (const f of ['calc.js', 'calc.wasm', 'calc-loader.js']) assert.ok(existsSync(join(pub, f)), `${f} is in the output`);
    assert.equal(readFileSync(join(pub, 'calc.wasm')).subarray(0, 4).toString('hex'), '0061736d', 'calc.wasm is WebAssembly');
    execFileSync(copy, ['check', '--site', 'site'], { cwd: work });

    served = await serve(pub);
    browser = await launch();
    const page = await openPage(browser);
    await page.goto(served.url);
    await waitForCalculator(page);
    assert.ok(await page.evaluate(() => window.__draws > 0), 'the calculator drew a frame');
    assert.ok(served.requests.includes('/calc.wasm'), 'calc.wasm was fetched from the built site');
    assert.deepEqual(consoleProblems(page), []);
  } finally {
    await browser?.close();
    await served?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
