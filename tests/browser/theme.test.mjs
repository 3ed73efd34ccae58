// A site whose own CSS knows nothing of the calculator: docs/, the authoring guide, styles its
// pages with a small stylesheet of its own (docs/static/css/site.css) that names no .cb-calc rule.
// Its calculator still works as on the default site, because calc-loader.js brings the CSS of the
// calculator's running state: the canvas fills the column, the static table and the status line
// step aside for screen readers, the native controls lie unseen over their drawings, the typed-value
// box opens over its slider. Also: the calculator's text wraps at spaces, never inside a figure
// ("$4." / "731M"), which ImGui's own wrapping did at 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleProblems, controlRect, launch, openPage, serve, waitForCalculator } from './lib.mjs';

const root = new URL('../..', import.meta.url).pathname;
const bin = process.env.COSTBOOK_BIN || join(root, 'build/native/site/costbook');
let out, server, browser;

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'costbook-theme-'));
  // At the server's root rather than the guide's own sub-path: the base URL is the only change.
  execFileSync(bin, ['build', '--site', join(root, 'docs'), '--out', join(out, 'site'), '--base-url', 'http://127.0.0.1/']);
  server = await serve(join(out, 'site'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

test('the guide\'s stylesheet names no calculator rule (the premise of this file)', () => {
  assert.doesNotMatch(readFileSync(join(root, 'docs/static/css/site.css'), 'utf8'), /cb-calc|cb-ready/);
});

for (const [label, width, options] of [
  ['at 1280 px', 1280, {}],
  ['at 390 px on a phone', 390, { hasTouch: true, isMobile: true, deviceScaleFactor: 3 }],
]) {
  test(`${label}, the calculator of a site with its own CSS fills its column and keeps its parts unseen`, async () => {
    const page = await openPage(browser, { viewport: { width, height: 844 }, ...options });
    await page.goto(`${server.url}#calc-0:rate=2`);
    await waitForCalculator(page);
    const look = await page.locator('#calc-0').evaluate((f) => {
      const rect = (el) => el.getBoundingClientRect();
      const style = (el) => getComputedStyle(el);
      const column = rect(f.parentElement), pad = parseFloat(style(f.parentElement).paddingLeft) + parseFloat(style(f.parentElement).paddingRight);
      return {
        canvas: rect(f.querySelector('canvas')).width,
        column: column.width - pad,
        figure: rect(f).width,
        // Clipped to nothing: the table's centre hits what lies under it, not the table.
        table: (() => {
          const t = f.querySelector('.cb-calc-table'), r = rect(t);
          return t.contains(document.elementFromPoint(r.x + Math.min(r.width, 200) / 2, r.y + Math.min(r.height, 200) / 2));
        })(),
        status: style(f.querySelector('.cb-calc-status')).display,
        live: rect(f.querySelector('.cb-calc-live')).width,
        controls: [...f.querySelectorAll('.cb-calc-ctl')].map((c) => [style(c).opacity, style(c).pointerEvents, style(c).position]),
      };
    });
    assert.ok(Math.abs(look.figure - look.column) <= 1, `the figure spans the column (${look.figure} of ${look.column} px)`);
    assert.ok(look.canvas > 300 && look.canvas <= look.figure, `the canvas fills the figure, not a bare canvas's 300 px (${look.canvas} px)`);
    assert.equal(look.table, false, 'the static table is kept for screen readers, unseen');
    assert.ok(look.live <= 1, 'so is the headline\'s live region');
    assert.equal(look.status, 'none', 'the status line steps aside');
    assert.ok(look.controls.length > 10, `the native controls are there (${look.controls.length})`);
    for (const c of look.controls) assert.deepEqual(c, ['0', 'none', 'absolute'], 'each lies unseen over its drawing');
    // The typed value opens over its slider, where the reader double-clicked.
    const r = await controlRect(page, 'key:rate');
    await page.evaluate((y) => window.scrollBy(0, y - innerHeight / 2), r.y);
    await page.waitForTimeout(100);
    const at = await controlRect(page, 'key:rate');
    const [x, y0] = [at.x + at.w * 0.1, at.y + at.h / 2];
    if (options.hasTouch) {   // a long tap (half a second, not moving)
      const cdp = await page.context().newCDPSession(page);
      // Touch points are in the visual viewport, which a phone can scroll apart from the layout's.
      const [ox, oy] = await page.evaluate(() => [visualViewport.offsetLeft, visualViewport.offsetTop]);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x - ox, y: y0 - oy, id: 1 }] });
      await page.waitForTimeout(700);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    } else {
      await page.mouse.dblclick(x, y0);
    }
    await page.waitForSelector('#calc-0 .cb-calc-edit input');
    const box = await page.locator('#calc-0 .cb-calc-edit input').evaluate((i) => {
      const r = i.getBoundingClientRect();   // client coordinates, as controlRect()'s
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    const y = box.y + box.height / 2;
    assert.ok(y >= at.y - 1 && y <= at.y + at.h + 1 && box.width > at.w / 2, `the typed-value box lies over the slider (${JSON.stringify(box)} over ${JSON.stringify(at)})`);
    await page.keyboard.press('Escape');
    assert.deepEqual(consoleProblems(page), []);
    await page.context().close();
  });
}

test('from 300 to 420 px wide the calculator\'s text wraps at spaces, never inside a figure', async () => {
  const page = await openPage(browser, { viewport: { width: 420, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  await page.goto(`${server.url}#calc-0:rate=2`);
  await waitForCalculator(page);
  let wrapped = 0;
  for (let width = 420; width >= 300; width -= 10) {
    await page.setViewportSize({ width, height: 844 });
    await page.waitForTimeout(250);   // the calculator lays itself out at the new width
    const texts = (await page.evaluate(() => document.querySelector('#calc-0').costbookCalc.probe('wrapped'))).split('\x1e');
    for (const t of texts.filter((x) => x.includes('\n'))) {
      ++wrapped;
      const lines = t.split('\n');
      for (let i = 1; i < lines.length; ++i) {
        // Inside a figure: "$4." / "731M", "2," / "788", "$" / "5.576M". Not between two words
        // that are numbers, as in a model's name ("Olmo 3" / "32B's pre-training").
        assert.ok(!(/(\$|\d[.,])$/.test(lines[i - 1]) && /^\d/.test(lines[i])), `at ${width} px, a line break inside a figure: ${JSON.stringify(t)}`);
        assert.ok(lines[i - 1].length > 0 && lines[i].length > 0, `at ${width} px, an empty line: ${JSON.stringify(t)}`);
      }
      assert.equal(t.replace(/\n/g, ' '), t.replace(/\n/g, ' ').replace(/ +/g, ' '), 'a break takes the place of one space');
    }
  }
  assert.ok(wrapped > 10, `texts wrap at these widths (${wrapped} wrapped texts seen)`);
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});
