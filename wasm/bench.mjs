// The calculator's budgets, measured and printed (not a test): calc.js + calc.wasm raw and gzip
// sizes (<= 200 KB gzip), navigation to first drawn frame in headless Chromium over loopback
// (< 300 ms), WebGL draw calls in 2 idle seconds (0), and simulate() over 100,000 samples in wasm
// under node (< 10 ms).
//
//   node wasm/bench.mjs            (after ./run: needs build/native and build/wasm)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch, serve } from '../tests/browser/lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const calcDir = join(root, 'build/wasm/wasm');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let rawTotal = 0, gzTotal = 0;
for (const f of ['calc.js', 'calc.wasm']) {
  const bytes = readFileSync(join(calcDir, f));
  const gz = gzipSync(bytes, { level: 9 }).length;
  rawTotal += bytes.length;
  gzTotal += gz;
  console.log(`${f.padEnd(10)} ${kb(bytes.length).padStart(9)} raw  ${kb(gz).padStart(9)} gzip -9`);
}
console.log(`${'total'.padEnd(10)} ${kb(rawTotal).padStart(9)} raw  ${kb(gzTotal).padStart(9)} gzip -9   (budget 200 KB gzip)`);

const out = mkdtempSync(join(tmpdir(), 'costbook-bench-'));
execFileSync(join(root, 'build/native/site/costbook'),
             ['build', '--site', root, '--out', join(out, 'site'), '--calc-dir', calcDir], { stdio: 'ignore' });
const server = await serve(join(out, 'site'));
const browser = await launch();
try {
  // First frame: the first WebGL draw call, on performance.now()'s clock (0 = navigation start).
  // The #hash names the calculator (with the page's own rate), so it starts without scrolling.
  const firsts = [], startups = [], loads = [];
  let idle = 0;
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const proto = WebGL2RenderingContext.prototype;
      for (const name of ['drawElements', 'drawArrays']) {
        const real = proto[name];
        proto[name] = function (...args) {
          if (!window.__firstDraw) window.__firstDraw = performance.now();
          window.__draws = (window.__draws || 0) + 1;
          return real.apply(this, args);
        };
      }
    });
    await page.goto(`${server.url}#calc-0:rate=2`);
    await page.waitForFunction(() => window.__firstDraw, null, { timeout: 20000 });
    const t = await page.evaluate(() => ({
      first: window.__firstDraw,
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/calc.wasm')).responseEnd,
    }));
    firsts.push(t.first);
    loads.push(t.dcl);
    startups.push(t.first - t.wasm);
    if (run === 0) {
      await page.waitForTimeout(1000);
      const before = await page.evaluate(() => window.__draws);
      await page.waitForTimeout(2000);
      idle = (await page.evaluate(() => window.__draws)) - before;
    }
    await context.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[2].toFixed(0);
  console.log(`first frame ${median(firsts)} ms median of 5 (${firsts.map((t) => t.toFixed(0)).join(', ')}), ` +
              'navigation to first WebGL draw, headless Chromium over loopback   (budget 300 ms)');
  console.log(`           of which: DOMContentLoaded at ${median(loads)} ms; calc.wasm received to first draw ` +
              `${median(startups)} ms (WebGL context, instantiate, fonts, first frame)`);
  console.log(`idle       ${idle} draw calls in 2 s after load   (budget 0)`);
} finally {
  await browser.close();
  await server.close();
  rmSync(out, { recursive: true, force: true });
}

const sim = execFileSync('node', [join(root, 'build/wasm/tests/wasm/calc_parity.js'), '--bench']).toString().trim();
console.log(`wasm       ${sim}, node ${process.version}   (budget 10 ms)`);
console.log(`load       ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} (1/5/15-min load average on ` +
            `${(await import('node:os')).cpus().length} cores: timings above scale with it)`);
