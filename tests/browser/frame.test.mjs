// The calculator's first frame: drawn at its final size (the canvas made once at a size it keeps,
// the frame's height not changing after the first draw), with nothing on the way to it, or in any
// frame after it, that reads WebGL state back (each such call waits for the GPU process), but the
// link status calc-loader.js asks for once, as it makes the context of a calculator the #hash named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { consoleProblems, controlRect, drag, launch, openPage, serve, site } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(site()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/**
 * Records, before any script runs: every change of a canvas's backing store (width/height set
 * while it has a WebGL context), the calculator frame's height at the first draw call, and each
 * synchronous WebGL call that reads something back (getParameter, getShaderParameter, ...).
 */
function watchFrames() {
  const w = window.__frame = { resized: [], reads: {}, firstHeight: null, draws: 0 };
  for (const prop of ['width', 'height']) {
    const d = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, prop);
    Object.defineProperty(HTMLCanvasElement.prototype, prop, {
      get: d.get, configurable: true,
      set(v) {
        if (this.cbHasContext && d.get.call(this) !== v) w.resized.push(`${prop} ${d.get.call(this)} -> ${v}`);
        d.set.call(this, v);
      },
    });
  }
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (...a) {
    const c = getContext.apply(this, a);
    if (c) this.cbHasContext = true;
    return c;
  };
  const P = WebGL2RenderingContext.prototype;
  for (const name of ['getParameter', 'getShaderParameter', 'getProgramParameter', 'getShaderInfoLog',
    'getProgramInfoLog', 'getError', 'getUniformLocation', 'getAttribLocation', 'getActiveUniform',
    'getSupportedExtensions', 'getExtension', 'isEnabled', 'readPixels']) {
    const real = P[name];
    P[name] = function (...a) { w.reads[name] = (w.reads[name] || 0) + 1; return real.apply(this, a); };
  }
  for (const name of ['drawElements', 'drawArrays']) {
    const real = P[name];
    P[name] = function (...a) {
      if (!w.draws++) {
        w.firstHeight = this.canvas.parentNode.style.height;
        w.firstBusy = this.canvas.closest('.cb-calc').getAttribute('aria-busy');
      }
      return real.apply(this, a);
    };
  }
}

const frameHeight = (page) => page.locator('#calc-0 .cb-calc-frame').evaluate((f) => f.style.height);

for (const [label, width, options] of [
  ['at 1280 px', 1280, {}],
  ['at 390 px on a phone (devicePixelRatio 3)', 390, { hasTouch: true, isMobile: true, deviceScaleFactor: 3 }],
]) {
  test(`${label}, the first frame is drawn at its final size: the canvas keeps its backing store and the frame its height`, async () => {
    const page = await openPage(browser, { viewport: { width, height: 844 }, ...options });
    await page.addInitScript(watchFrames);
    await page.goto(`${server.url}#calc-0:rate=2`);  // named by the #hash: starts at once
    await page.waitForFunction(() => window.__frame.draws > 0, null, { timeout: 20000 });
    await page.waitForTimeout(1500);  // the band settles (simulate()), later frames follow
    const f = await page.evaluate(() => window.__frame);
    const shown = await frameHeight(page);
    assert.match(shown, /^\d+px$/, 'the frame takes its content height');
    assert.equal(f.firstHeight, shown, 'the frame had its final height at the first draw');
    // The band is drawn after the first frame: till then the figure says it is busy, so a screen
    // reader waits for the #hash's headline rather than reading the page's.
    assert.equal(f.firstBusy, 'true', 'busy at the first draw');
    assert.equal(await page.locator('#calc-0').getAttribute('aria-busy'), null, 'not busy once settled');
    assert.deepEqual(f.resized, [], 'the canvas was not resized once it had a WebGL context');
    const box = await page.locator('#calc-0').evaluate((fig) => {
      const c = fig.querySelector('canvas'), r = fig.querySelector('.cb-calc-frame').getBoundingClientRect();
      return { frameTop: r.top, frameBottom: r.bottom, canvasH: c.getBoundingClientRect().height, backing: c.height };
    });
    assert.ok(box.canvasH >= parseFloat(shown), 'the canvas reaches the frame\'s bottom (the frame clips it)');
    assert.equal(box.backing, Math.round(box.canvasH * (options.deviceScaleFactor || 1)), 'backing store = CSS size x devicePixelRatio');
    assert.ok(box.frameTop < 844 && box.frameBottom > 0, 'the calculator is in view');
    assert.deepEqual(consoleProblems(page), []);
    await page.context().close();
  });
}

test('a calculator started by scrolling to it reads nothing back at all', async () => {
  const page = await openPage(browser);
  await page.addInitScript(watchFrames);
  await page.goto(server.url);
  await page.locator('#calc-0').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.__frame.draws > 0, null, { timeout: 20000 });
  assert.deepEqual(await page.evaluate(() => window.__frame.reads), {}, 'no WebGL state read back on the way to the first draw');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('no frame reads WebGL state back: not on the way to the first draw, not while a slider is dragged', async () => {
  const page = await openPage(browser);
  await page.addInitScript(watchFrames);
  await page.goto(`${server.url}#calc-0:rate=2`);
  await page.waitForFunction(() => window.__frame.draws > 0, null, { timeout: 20000 });
  // One read, by calc-loader.js as it makes the context of a calculator the #hash named: the link
  // status of its program, asked while the GPU process is idle rather than at the first draw.
  assert.deepEqual(await page.evaluate(() => window.__frame.reads), { getProgramParameter: 1 },
                   'nothing read back before the first draw but the loader\'s link status');
  const before = await page.evaluate(() => window.__frame.draws);
  await drag(page, 'key:people_usd');
  const f = await page.evaluate(() => window.__frame);
  assert.ok(f.draws > before, 'the drag drew frames');
  assert.deepEqual(f.reads, { getProgramParameter: 1 }, 'nor while dragging');
  assert.ok(await controlRect(page, 'key:people_usd'), 'the calculator still answers');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('a tab taller than the canvas grows it, and the frame follows the content both ways', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 600 }, hasTouch: true, isMobile: true });
  await page.addInitScript(watchFrames);
  await page.goto(`${server.url}#calc-0:tab=time`);  // the shortest tab first
  await page.waitForFunction(() => window.__frame.draws > 0, null, { timeout: 20000 });
  await page.waitForTimeout(500);
  const short = parseFloat(await frameHeight(page));
  // The tallest tab (Inference, at this width) by the page's #hash, as a link on the page would.
  await page.evaluate(() => { location.hash = '#calc-0:tab=inference'; });
  await page.waitForFunction((h) => parseFloat(document.querySelector('#calc-0 .cb-calc-frame').style.height) > h,
                             short, { timeout: 10000 });
  await page.waitForTimeout(800);
  const tall = await page.locator('#calc-0').evaluate((fig) => ({
    frame: parseFloat(fig.querySelector('.cb-calc-frame').style.height),
    canvas: fig.querySelector('canvas').getBoundingClientRect().height,
  }));
  assert.ok(tall.canvas >= tall.frame, `the canvas (${tall.canvas} px) covers the taller content (${tall.frame} px)`);
  await page.evaluate(() => { location.hash = '#calc-0:tab=time'; });
  await page.waitForFunction((h) => parseFloat(document.querySelector('#calc-0 .cb-calc-frame').style.height) === h,
                             short, { timeout: 10000 });
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});
