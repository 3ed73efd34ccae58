// The calculator's budgets, measured and printed (not a test): calc.js + calc.wasm raw and gzip
// sizes (<= 200 KB gzip), navigation to first drawn frame in headless Chromium over loopback
// against a bare WebGL2 page's first draw in the same run (10 loads each, alternating; the
// calculator's median at most 1.5x the bare page's), WebGL draw calls in 2 idle seconds (0), and
// simulate() over 100,000 samples in wasm under node (< 10 ms).
//
//   node wasm/bench.mjs            (after ./run: needs build/native and build/wasm)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// The floor: a page that draws one triangle with WebGL2 as soon as it can, from a script of its own.
mkdirSync(join(out, 'site', 'bare-webgl2'));
writeFileSync(join(out, 'site', 'bare-webgl2', 'index.html'), '<!doctype html><meta charset="utf-8"><title>bare</title>' +
  '<canvas width="800" height="600" style="width:800px;height:600px"></canvas><script src="draw.js"></script>');
writeFileSync(join(out, 'site', 'bare-webgl2', 'draw.js'),
  `const gl = document.querySelector('canvas').getContext('webgl2');
const sh = (type, src) => { const s = gl.createShader(type); gl.shaderSource(s, src); gl.compileShader(s); return s; };
const p = gl.createProgram();
gl.attachShader(p, sh(gl.VERTEX_SHADER, '#version 300 es\\nvoid main() { gl_Position = vec4(float(gl_VertexID % 2), float(gl_VertexID / 2), 0, 1); }'));
gl.attachShader(p, sh(gl.FRAGMENT_SHADER, '#version 300 es\\nprecision mediump float; out vec4 c; void main() { c = vec4(0.7, 0.3, 0.1, 1); }'));
gl.linkProgram(p);
gl.useProgram(p);
gl.clearColor(1, 1, 1, 1);
gl.clear(gl.COLOR_BUFFER_BIT);
gl.drawArrays(gl.TRIANGLES, 0, 3);
`);
const server = await serve(join(out, 'site'));
const browser = await launch();
try {
  // First frame: the first WebGL draw call, on performance.now()'s clock (0 = navigation start).
  // The #hash names the calculator (with the page's own rate), so it starts without scrolling.
  const firsts = [], startups = [], loads = [], bares = [], bareContexts = [], contextStarts = [], contexts = [], mains = [];
  let idle = 0;
  const firstDraw = () => {
    // Where the time goes: the WebGL context's creation (both pages make one), and the calculator's
    // WebAssembly.instantiate() (from there to the first draw is its main(): fonts, the first frame).
    window.__marks = {};
    const mark = (k) => { if (!(k in window.__marks)) window.__marks[k] = performance.now(); };
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (...args) {
      mark('context0');
      const gl = getContext.apply(this, args);
      mark('context1');
      return gl;
    };
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = function (...args) { mark('instantiate'); return instantiate.apply(this, args); };
    const proto = WebGL2RenderingContext.prototype;
    for (const name of ['drawElements', 'drawArrays']) {
      const real = proto[name];
      proto[name] = function (...args) {
        if (!window.__firstDraw) window.__firstDraw = performance.now();
        window.__draws = (window.__draws || 0) + 1;
        return real.apply(this, args);
      };
    }
  };
  for (let run = 0; run < 10; run++) {
    const bare = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const bp = await bare.newPage();
    await bp.addInitScript(firstDraw);
    await bp.goto(`${server.url}bare-webgl2/`);
    await bp.waitForFunction(() => window.__firstDraw, null, { timeout: 20000 });
    const b = await bp.evaluate(() => ({ first: window.__firstDraw, ...window.__marks }));
    bares.push(b.first);
    bareContexts.push(b.context1 - b.context0);
    await bare.close();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(firstDraw);
    await page.goto(`${server.url}#calc-0:rate=2`);
    await page.waitForFunction(() => window.__firstDraw, null, { timeout: 20000 });
    const t = await page.evaluate(() => ({
      first: window.__firstDraw,
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/calc.wasm')).responseEnd,
      ...window.__marks,
    }));
    contextStarts.push(t.context0);
    contexts.push(t.context1 - t.context0);
    mains.push(t.first - t.instantiate);
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
  const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return (s[4] + s[5]) / 2; };
  const median = (xs) => med(xs).toFixed(0);
  console.log(`first frame ${median(firsts)} ms median of 10 (${firsts.map((t) => t.toFixed(0)).join(', ')}), ` +
              'navigation to first WebGL draw, headless Chromium over loopback');
  console.log(`bare WebGL2 ${median(bares)} ms median of 10 (${bares.map((t) => t.toFixed(0)).join(', ')}), ` +
              'the same for a page that only draws a triangle, same run');
  console.log(`ratio      ${(med(firsts) / med(bares)).toFixed(2)}x the bare page   (budget 1.5x)`);
  console.log(`           of which: DOMContentLoaded at ${median(loads)} ms; calc.wasm received to first draw ` +
              `${median(startups)} ms (WebGL context, instantiate, fonts, first frame)`);
  console.log(`           where it goes: the loader makes the WebGL context at ${median(contextStarts)} ms, which takes ` +
              `${median(contexts)} ms (the bare page's: ${median(bareContexts)} ms); instantiate to first draw ${median(mains)} ms (main(): ` +
              'fonts, the first frame, each function compiled as it is first called)');
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
