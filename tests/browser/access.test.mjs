// The calculator through the accessibility tree: axe-core (npm) finds no violations on any page,
// its calculators running; a keyboard walk through the calculator's controls, read as a screen
// reader gets them (Chromium's accessibility tree), names each control, and reads a slider's value
// as it changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { consoleProblems, launch, openPage, pages, serve, site, waitForCalculator } from './lib.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let server, browser;
before(async () => { server = await serve(site()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const pageOf = new WeakMap();
const page0 = (cdp) => pageOf.get(cdp);
/** The focused element's node in Chromium's accessibility tree: its role, name and value. */
async function focusedNode(cdp) {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
  const n = nodes[0];
  if (!n || n.ignored) return null;
  const prop = (name) => n.properties?.find((p) => p.name === name)?.value.value;
  // Chromium 156's DevTools protocol leaves a slider's valuetext empty (aria-valuetext is what
  // screen readers read): the text comes from the attribute, the number from the tree.
  const text = prop('valuetext') ||
    (await page0(cdp).evaluate(() => document.activeElement.getAttribute('aria-valuetext') || ''));
  return { role: n.role?.value, name: n.name?.value, value: text || n.value?.value, now: n.value?.value,
           checked: prop('checked'), selected: prop('selected') };
}

// Light at 1280 px, dark on a 390 px phone (where code blocks and long URLs once scrolled sideways).
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
for (const [scheme, options, where] of [['light', {}, '1280 px'], ['dark', phone, '390 px, touch']]) {
  test(`axe-core reports no violations on any page, calculators running (${scheme}, ${where}), and no page is wider than the screen`, async () => {
    // (axe is injected by the test: the site's Content-Security-Policy rightly allows no such script.)
    const page = await openPage(browser, { colorScheme: scheme, bypassCSP: true, ...options });
    const found = [];
    for (const rel of pages(site())) {
      await page.goto(server.url + rel);
      for (const id of await page.locator('figure.cb-calc').evaluateAll((fs) => fs.map((f) => f.id))) {
        await waitForCalculator(page, `#${id}`);
      }
      const [inner, wide] = await page.evaluate(() => [innerWidth, document.documentElement.scrollWidth]);
      if (wide > (options.viewport?.width ?? inner)) found.push(`/${rel}: ${wide} px wide on a ${inner} px screen`);
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of result.violations)
        found.push(`/${rel}: ${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    }
    assert.deepEqual(found, []);
    assert.deepEqual(consoleProblems(page), []);
    await page.context().close();
  });
}

test('Tab walks the calculator\'s controls in the accessibility tree, each named, a slider read as it changes', async () => {
  const page = await openPage(browser);
  await page.goto(server.url);
  await waitForCalculator(page);
  const cdp = await page.context().newCDPSession(page);
  pageOf.set(cdp, page);
  await cdp.send('Accessibility.enable');
  await page.locator('#calc-0 canvas').focus();
  await page.waitForTimeout(100);
  const seen = [];
  let slider = null;
  for (let i = 0; i < 40; i++) {
    const inside = await page.evaluate(() => document.querySelector('#calc-0').contains(document.activeElement));
    if (!inside) break;
    const node = await focusedNode(cdp);
    assert.ok(node && node.name, `stop ${i} has an accessible name: ${JSON.stringify(node)}`);
    seen.push(node);
    if (!slider && node.role === 'slider' && /rental rate/i.test(node.name)) slider = node;
    if (slider && node === slider) {
      // The slider's value, as core writes it, changes with the arrow key.
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => /rate=/.test(location.hash), null, { timeout: 10000 });
      const after = await focusedNode(cdp);
      assert.equal(after.name, slider.name);
      assert.notEqual(after.value, slider.value, `the value read changed: ${slider.value} -> ${after.value}`);
      assert.ok(after.now > slider.now, `and the slider's position rose: ${slider.now} -> ${after.now}`);
      assert.match(after.value, /^\$[0-9.]+\/GPU-hour/);
    }
    await page.keyboard.press('Tab');
  }
  const roles = new Set(seen.map((n) => n.role));
  for (const role of ['tab', 'checkbox', 'slider', 'button']) assert.ok(roles.has(role), `a ${role} among ${[...roles]}`);
  assert.ok(seen.find((n) => n.role === 'tab' && n.selected), 'the open tab reads as selected');
  assert.ok(seen.find((n) => n.role === 'checkbox' && n.checked === 'true'), 'a counted rung reads as checked');
  assert.ok(slider, 'the rental rate slider was reached');
  const calc = await page.evaluate(() => document.querySelector('#calc-0').costbookCalc.probe('focus'));
  assert.equal(calc, '', 'leaving the last control leaves the calculator');
  assert.deepEqual(consoleProblems(page), []);
  await page.context().close();
});
