// The calculator for every reader (issue 17): the keyboard finds it where it stands on the page
// and starts it; arrows move a focused slider; a shared link carries Pin and a version, and old
// links still open; passing messages keep out of the headline's live region; without JavaScript
// the embed says what it needs; pinch-zoom is the browser's over the canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  consoleProblems, controlRect, drag, launch, openPage, serve, site, waitForCalculator,
} from './lib.mjs';

let server, browser;
before(async () => { server = await serve(site()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const live = (page, figure = '#calc-0') => page.locator(`${figure} .cb-calc-live`).textContent();
const focused = (page) => page.evaluate(() => document.querySelector('#calc-0').costbookCalc.probe('focus'));
const hashMatches = (page, pattern) =>
  page.waitForFunction((source) => new RegExp(source).test(location.hash), pattern.source, { timeout: 10000 });
const ready = (page) => page.waitForFunction(() => {
  const f = document.querySelector('#calc-0');
  return f.classList.contains('cb-ready') && !f.hasAttribute('aria-busy') && f.costbookCalc && window.__draws > 0;
}, null, { timeout: 20000 });
/** The home page with its calculator running and the keyboard on stop `name` (key:rate, pin). */
async function homeAt(name, options) {
  const page = await openPage(browser, options);
  await page.goto(server.url);
  await waitForCalculator(page);
  await page.locator('#calc-0 canvas').focus();
  await page.waitForTimeout(100);
  for (let i = 0; i < 30 && (await focused(page)) !== name; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(page), name);
  return page;
}
const pageRate = (page) => page.evaluate(() => new URLSearchParams(document.querySelector('#calc-0').dataset.scenario).get('rate'));
/** A page where only the keyboard (or a #hash) can start a calculator: scrolling never does. */
async function keyboardOnlyPage(options) {
  const page = await openPage(browser, options);
  await page.addInitScript(() => {
    window.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} };
  });
  return page;
}
/** Focuses the page's last focusable element before (or first after) #calc-0, without scrolling. */
const focusBeside = (page, after) => page.evaluate((afterIt) => {
  const f = document.querySelector('#calc-0');
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
    .filter((el) => !f.contains(el) && el.tabIndex >= 0 && el.getClientRects().length);
  const before = all.filter((el) => f.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  const el = afterIt ? all.find((e) => !before.includes(e)) : before[before.length - 1];
  el.focus({ preventScroll: true });
  return el.outerHTML.slice(0, 60);
}, after);

test('Tab reaches the calculator where it stands on the page, before it has started, and starts it', async () => {
  const page = await keyboardOnlyPage();
  await page.goto(server.url);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#calc-0').evaluate((f) => f.classList.contains('cb-ready')), false,
               'not started: nothing scrolled it in (IntersectionObserver stubbed)');
  await focusBeside(page, false);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.querySelector('#calc-0').contains(document.activeElement)), true,
               'the next tab stop after the text before it is the calculator');
  await ready(page);
  await page.waitForFunction(() => document.querySelector('#calc-0').costbookCalc.probe('focus') !== '');
  assert.match(await focused(page), /^tab:/, 'the calculator started and its first control has the focus');
  await page.keyboard.press('Tab');
  assert.doesNotMatch(await focused(page), /^$/, 'Tab moves on inside it');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('Shift+Tab from after the calculator reaches it and lands on its last control', async () => {
  const page = await keyboardOnlyPage();
  await page.goto(server.url);
  await page.waitForTimeout(300);
  await focusBeside(page, true);
  await page.keyboard.press('Shift+Tab');
  await ready(page);
  await page.waitForFunction(() => document.querySelector('#calc-0').costbookCalc.probe('focus') !== '');
  assert.equal(await focused(page), 'copy-embed', 'the last control (Embed) has the focus');
  await page.context().close();
});

test('on a focused slider, Up and Right raise the value, Down and Left lower it', async () => {
  const page = await homeAt('key:rate');
  const start = await pageRate(page);
  const rate = async () => Number((await page.evaluate(() => location.hash)).match(/rate=([0-9.e]+)/)?.[1] ?? start);
  await page.keyboard.press('ArrowUp');
  await hashMatches(page, /rate=/);
  const up = await rate();
  assert.ok(up > Number(start), `ArrowUp raised the rate: ${start} -> ${up}`);
  assert.equal(await focused(page), 'key:rate', 'and the focus stayed on the slider');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((u) => Number(location.hash.match(/rate=([0-9.e]+)/)?.[1] ?? 1e9) < u, up, { timeout: 10000 });
  assert.ok((await rate()) < up, 'ArrowDown lowered it');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

/** A scenario value as core writes it (2.57B, 2.788e6, 1~3~10): the likely one. */
const scenarioNumber = (text) => {
  const parts = decodeURIComponent(text).split('~');
  const v = parts[parts.length === 3 ? 1 : 0];
  const scale = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 }[v.slice(-1)] || 1;
  return Number(scale === 1 ? v : v.slice(0, -1)) * scale;
};

test('an arrow moves every slider the way it points, from a page value with more figures than a step keeps', async () => {
  const page = await homeAt('key:rate');
  const sliders = await page.evaluate(() =>
    [...document.querySelectorAll('#calc-0 [role=slider]:not([aria-disabled=true])')].map((el) => el.cbName));
  const pageValues = new URLSearchParams(await page.evaluate(() => document.querySelector('#calc-0').dataset.scenario));
  const value = async (key) => {
    const m = (await page.evaluate(() => location.hash)).match(new RegExp(`[:&]${key}=([^&]+)`));
    return m ? scenarioNumber(m[1]) : scenarioNumber(pageValues.get(key));
  };
  const at = (name) => page.evaluate((n) => [...document.querySelectorAll('#calc-0 [role=slider]')].find((el) => el.cbName === n).focus(), name);
  let checked = 0;
  for (const name of sliders) {
    const key = name.slice(4);
    if (!pageValues.has(key)) continue;
    const start = scenarioNumber(pageValues.get(key));
    await at(name);
    const moved = async (from) => {   // the #hash follows a step a frame or two later
      for (let i = 0; i < 20; i++) {
        const v = await value(key);
        if (v !== from) return v;
        await page.waitForTimeout(100);
      }
      return from;
    };
    await page.keyboard.press('ArrowRight');
    const up = await moved(start);
    const max = (await page.evaluate((n) => [...document.querySelectorAll('#calc-0 [role=slider]')].find((el) => el.cbName === n).getAttribute('aria-valuenow'), name)) === '100';
    assert.ok(up > start || (max && up === start), `${key}: ArrowRight from ${start} went to ${up}`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(200);
    const down = await moved(up);
    assert.ok(down < up, `${key}: ArrowLeft twice from ${up} went to ${down}`);
    await page.evaluate(() => { history.replaceState(null, '', '#calc-0:'); });
    checked++;
  }
  assert.ok(checked >= 5, `checked ${checked} sliders of ${sliders.join(', ')}`);
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('off a slider the arrows move between controls and leave the page where it is; Tab after a click leaves the calculator', async () => {
  const page = await homeAt('tab:counted');
  const y = await page.evaluate(() => scrollY);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#calc-0').costbookCalc.probe('focus') !== 'tab:counted');
  const next = await focused(page);
  assert.equal(await page.evaluate(() => document.activeElement.cbName), next, 'the page\'s focus went along');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('#calc-0').costbookCalc.probe('focus') === 'tab:counted');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('#calc-0').costbookCalc.probe('focus') !== 'tab:counted');
  assert.equal(await page.evaluate(() => scrollY), y, 'the page did not scroll');
  // A click on the drawn Embed button (the last control), then Tab: out of the calculator, onward.
  await page.evaluate(() => [...document.querySelectorAll('#calc-0 .cb-calc-ctl')].find((el) => el.cbName === 'copy-embed')
    .scrollIntoView({ block: 'center' }));
  const r = await controlRect(page, 'copy-embed');
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await page.waitForFunction(() => document.activeElement?.cbName === 'copy-embed', null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-hidden')), null,
               'after a click the page\'s focus is on the control\'s twin, not the hidden canvas');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(150);
  assert.equal(await page.evaluate(() => document.querySelector('#calc-0').contains(document.activeElement)), false,
               'Tab went on past the calculator');
  await page.context().close();
});

test('a control that does not move the headline says why to a screen reader, as the canvas does under it', async () => {
  const page = await homeAt('key:rate');
  const notes = await page.evaluate(() => [...document.querySelectorAll('#calc-0 .cb-calc-ctl')]
    .filter((el) => /^(key|rung):/.test(el.cbName))
    .map((el) => [el.cbName, el.getAttribute('aria-description') || '', document.querySelector('#calc-0').costbookCalc.probe('note:' + el.cbName)]));
  for (const [name, described, drawn] of notes) assert.equal(described, drawn, name);
  const noted = notes.filter(([, , drawn]) => drawn);
  assert.ok(noted.length > 0, 'the home page\'s calculator has a control that does not move its total');
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const described = nodes.map((n) => n.description?.value).filter(Boolean);
  assert.ok(described.includes(noted[0][2]), `the accessibility tree carries "${noted[0][2]}"`);
  await page.context().close();
});

test('a shared link carries Pin: it opens pinned, with the same comparison', async () => {
  const page = await homeAt('pin');
  await page.keyboard.press('Space');
  await hashMatches(page, /^#calc-0:v=1&pin=/);
  await drag(page, 'key:people_usd');
  await hashMatches(page, /^#calc-0:v=1&people_usd=[^&]+&pin=/);
  const comparison = await live(page);
  assert.match(comparison, /; pinned .*; difference /);
  const url = page.url();

  const shared = await openPage(browser);
  await shared.goto(url);
  await waitForCalculator(shared);
  assert.ok(await controlRect(shared, 'unpin'), 'the shared link opens pinned (Unpin shown)');
  assert.equal(await live(shared), comparison, 'with the same comparison');
  assert.equal(await controlRect(shared, 'dismiss'), null, 'and no message about the link');
  assert.deepEqual(consoleProblems(page), []);
  assert.deepEqual(consoleProblems(shared), []);
  await page.context().close();
  await shared.context().close();
});

test('a link from before versions opens as it did; one from a newer version applies what it knows and says so', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.url}#calc-0:v=1&rate=3&count=rl,final`);
  await waitForCalculator(page);
  const now = await live(page);
  const old = await openPage(browser);
  await old.goto(`${server.url}#calc-0:rate=3&count=rl,final`);
  await waitForCalculator(old);
  assert.equal(await live(old), now, 'the versionless link gives the same result');
  assert.equal(await controlRect(old, 'dismiss'), null, 'without a message');
  const newer = await openPage(browser);
  await newer.goto(`${server.url}#calc-0:v=9&rate=3&count=rl,final`);
  await waitForCalculator(newer);
  assert.equal(await live(newer), now, 'a newer link applies the keys this calculator knows');
  assert.ok(await controlRect(newer, 'dismiss'), 'and says it is from a newer calculator');
  for (const p of [page, old, newer]) await p.context().close();
});

test('without JavaScript the embed says the calculator needs it, and shows the results', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(server.url);
  const status = await page.locator('#calc-0 .cb-calc-status').textContent();
  assert.match(status, /needs JavaScript/);
  assert.ok((await page.locator('#calc-0 .cb-calc-table tr').count()) > 0, 'the static table is there');
  // ... and lists the inputs with their values, as text a reader can find on the page.
  const rate = await page.evaluate(() => new URLSearchParams(document.querySelector('#calc-0').dataset.scenario).get('rate'));
  const row = await page.locator('#calc-0 .cb-calc-table tr', { hasText: 'Rental rate (input)' }).locator('td').textContent();
  assert.equal(row, `$${rate}/GPU-hour`);
  assert.ok(await page.evaluate((t) => document.body.innerText.includes(t), row), 'visible on the page');
  // The canvas, which could do nothing, is no tab stop and is not read out.
  assert.deepEqual(await page.evaluate(() => { const c = document.querySelector('#calc-0 canvas'); return [c.tabIndex, c.getAttribute('aria-hidden')]; }),
                   [-1, 'true']);
  await page.context().close();
  const js = await keyboardOnlyPage();
  await js.goto(server.url);
  assert.doesNotMatch(await js.locator('#calc-0 .cb-calc-status').textContent(), /needs JavaScript/,
                      'with JavaScript it says when it starts');
  await js.context().close();
});

test('pinch-zoom stays the browser\'s over the calculator', async () => {
  const page = await openPage(browser, { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 },
                                         deviceScaleFactor: 2 });
  await page.goto(server.url);
  await waitForCalculator(page);
  const action = await page.locator('#calc-0 canvas').evaluate((c) => getComputedStyle(c).touchAction);
  assert.match(action, /pinch-zoom/, `touch-action ${action} lets the browser zoom`);
  const canvas = await page.locator('#calc-0 canvas').boundingBox();
  const cx = canvas.x + canvas.width / 2, cy = Math.max(canvas.y, 0) + 200;
  const cdp = await page.context().newCDPSession(page);
  const scale = () => page.evaluate(() => visualViewport.scale);
  const before = await scale();
  const touch = (type, d) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }],
  });
  await touch('touchStart', 20);
  for (let d = 30; d <= 150; d += 10) { await touch('touchMove', d); await page.waitForTimeout(16); }
  await touch('touchEnd', 0);
  await page.waitForTimeout(500);
  assert.ok((await scale()) > before * 1.2, `two fingers spreading over the canvas zoomed the page: ${before} -> ${await scale()}`);
  await page.context().close();
});

test('at 390 px on a touch screen, controls are at least 44 px square, the page keeps to the screen\'s width and a wide table keeps its first column', async () => {
  const page = await openPage(browser, { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 },
                                         deviceScaleFactor: 2 });
  await page.goto(server.url);
  await waitForCalculator(page);
  for (const what of ['tab:counted', 'pin', 'rung:fleet', 'key:rate', 'copy-link', 'copy-embed']) {
    const r = await controlRect(page, what);
    assert.ok(r && r.h >= 44 && r.w >= 44, `${what} is ${r?.w} x ${r?.h} px`);
  }
  // The results table, hidden for screen readers once the calculator runs, takes no width: a phone's
  // page stays as wide as its screen (it was 574 px, scrolled sideways, the calculator cut off).
  assert.deepEqual(await page.evaluate(() => [innerWidth, document.documentElement.scrollWidth]), [390, 390]);
  await page.goto(`${server.url}inference/#calc-0:v=1`);
  await waitForCalculator(page);
  for (const what of ['currency:usd', 'currency:cny']) {
    const r = await controlRect(page, what);
    assert.ok(r && r.h >= 44 && r.w >= 44, `${what} is ${r?.w} x ${r?.h} px`);
  }
  assert.deepEqual(await page.evaluate(() => [innerWidth, document.documentElement.scrollWidth]), [390, 390]);
  // The first table on the site wider than the phone: scrolled sideways, its first column stays put.
  let found = false;
  for (const rel of ['', 'models/deepseek-v3/', 'inference/', 'comparisons/']) {
    await page.goto(server.url + rel);
    const moved = await page.evaluate(() => {
      const wrap = [...document.querySelectorAll('.table-wrap')].find((w) => w.scrollWidth > w.clientWidth + 20);
      if (!wrap) return null;
      wrap.scrollIntoView();
      const cell = wrap.querySelector('tbody th, tbody td');
      const before = cell.getBoundingClientRect().left;
      wrap.scrollLeft = wrap.scrollWidth;
      return { before, after: cell.getBoundingClientRect().left, scrolled: wrap.scrollLeft };
    });
    if (!moved) continue;
    found = true;
    assert.ok(moved.scrolled > 0, 'the table scrolls sideways');
    assert.ok(Math.abs(moved.after - moved.before) < 1, `its first column stays in view: ${moved.before} -> ${moved.after}`);
    break;
  }
  assert.ok(found, 'a page of the default site has a table wider than 390 px');
  await page.context().close();
});

test('a slider takes a typed value: Enter opens a decimal field, Enter applies, a bad value says why and changes nothing', async () => {
  const page = await homeAt('key:rate');
  const before = await live(page);
  const start = await pageRate(page);
  await page.keyboard.press('Enter');
  const field = page.locator('#calc-0 .cb-calc-edit input');
  assert.equal(await field.evaluate((f) => f === document.activeElement), true, 'Enter opened a focused text field');
  assert.equal(await field.getAttribute('inputmode'), 'decimal');
  assert.equal(await field.inputValue(), start, 'holding the value in scenario syntax');
  await field.fill('abc');
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#calc-0 .cb-calc-edit-why').textContent(), /not a number/);
  await page.waitForTimeout(400);
  assert.equal(await live(page), before, 'a bad value changes nothing');
  assert.doesNotMatch(await page.evaluate(() => location.hash), /rate=/);
  await field.fill('3.25');
  await page.keyboard.press('Enter');
  await hashMatches(page, /rate=3\.25(&|$)/);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-valuetext')), '$3.25/GPU-hour',
               'the typed value applies: the slider reads it');
  assert.equal(await page.locator('#calc-0 .cb-calc-edit').count(), 0, 'and the field closes');
  assert.equal(await focused(page), 'key:rate', 'the focus is back on the slider');
  await page.keyboard.press('Enter');
  await field.fill('1.5~3~10');
  await page.keyboard.press('Enter');
  await hashMatches(page, /rate=1\.5~3~10(&|$)/);
  // The reader's words: the slider's own limits in its unit, no internal key; forgiving spaces and k.
  for (const [typed, why] of [['-5', /^Rental rate runs from \$0\.10\/GPU-hour to \$20\/GPU-hour: nothing changed\.$/],
                               ['', /^Nothing typed/], ['1e999', /too large/], ['abc', /not a number/]]) {
    await page.keyboard.press('Enter');
    await field.fill(typed);
    await page.keyboard.press('Enter');
    assert.match(await page.locator('#calc-0 .cb-calc-edit-why').textContent(), why, `typed "${typed}"`);
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Enter');
  await field.fill('1.5 ~ 2.5 ~ 10');
  await page.keyboard.press('Enter');
  await hashMatches(page, /rate=1\.5~2\.5~10(&|$)/);
  // Tab applies a changed value and moves on to the next control; Shift+Tab goes back to the slider.
  await page.keyboard.press('Enter');
  await field.fill('3k');
  await page.keyboard.press('Tab');
  assert.match(await page.locator('#calc-0 .cb-calc-edit-why').textContent(), /runs from/, 'a bad value keeps the field open on Tab');
  await field.fill('4');
  await page.keyboard.press('Tab');
  await hashMatches(page, /rate=4(&|$)/);
  await page.waitForFunction(() => document.activeElement?.classList.contains('cb-calc-ctl') && document.activeElement.cbName !== 'key:rate');
  await page.waitForFunction(() => document.activeElement.cbName === document.querySelector('#calc-0').costbookCalc.probe('focus'),
                             null, { timeout: 5000 });   // the next control, in the page and in the calculator
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.cbName), 'key:rate', 'Shift+Tab from the field is its slider');
  await page.keyboard.press('Enter');
  await field.fill('1.5~3~10');
  await page.keyboard.press('Enter');
  await hashMatches(page, /rate=1\.5~3~10(&|$)/);
  await page.keyboard.press('Enter');
  await field.fill('7');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#calc-0 .cb-calc-edit').count(), 0, 'Escape closes the field');
  await page.waitForTimeout(400);
  assert.match(await page.evaluate(() => location.hash), /rate=1\.5~3~10(&|$)/, 'and changes nothing');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});

test('a double-click on a slider opens the typed value; a drag moves a range\'s likely value inside its band', async () => {
  const page = await openPage(browser);
  await page.goto(server.url);
  await waitForCalculator(page);
  const band = await page.evaluate(() => new URLSearchParams(document.querySelector('#calc-0').dataset.scenario).get('people_usd'));
  const [low, , high] = band.split('~');
  await drag(page, 'key:people_usd');   // from 25% of the travel past its end
  const dragged = decodeURIComponent((await page.evaluate(() => location.hash)).match(/people_usd=([^&]+)/)[1]).split('~');
  assert.deepEqual([dragged[0], dragged[2]].map(Number), [Number(low), Number(high)], `the band ${band} stays: ${dragged.join('~')}`);
  const r = await controlRect(page, 'key:rate');
  await page.mouse.dblclick(r.x + r.w * 0.1, r.y + r.h / 2);
  await page.waitForSelector('#calc-0 .cb-calc-edit input');
  assert.equal(await page.locator('#calc-0 .cb-calc-edit input').evaluate((f) => f === document.activeElement), true);
  await page.keyboard.press('Escape');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});
