// A host that serves .wasm as application/octet-stream: streaming compilation refuses it, the
// loader compiles from the bytes instead, quietly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consoleProblems, launch, openPage, serve, site, waitForCalculator } from './lib.mjs';

test('the calculator starts when calc.wasm is served with the wrong MIME type', async () => {
  const server = await serve(site(), { wasmType: 'application/octet-stream' });
  const browser = await launch();
  try {
    const page = await openPage(browser);
    await page.goto(server.url);
    await waitForCalculator(page);
    assert.ok(await page.evaluate(() => window.__draws > 0), 'it drew');
    assert.equal(server.requests.filter((p) => p === '/calc.wasm').length, 1, 'one fetch of calc.wasm');
    assert.deepEqual(consoleProblems(page), []);
  } finally {
    await browser.close();
    await server.close();
  }
});
