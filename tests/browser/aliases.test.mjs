// Old share links keep working when a site renames a rung's key: the default site, copied, with
// its people rung's key renamed and the old key kept as an alias (`aliases = [...]` in
// data/ladders/deepseek.toml), opens a link written before the rename to the same scenario, and
// writes the new key from then on. Without the alias, the old link says the key is unknown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleProblems, controlRect, launch, openPage, serve, waitForCalculator } from './lib.mjs';

const root = new URL('../..', import.meta.url).pathname;
const bin = process.env.COSTBOOK_BIN || join(root, 'build/native/site/costbook');
let out, renamed, plain, browser, label;

/** A copy of the default site whose people rung is keyed `data_people_usd`, with or without the old key as an alias. */
function build(name, alias) {
  const s = join(out, name);
  for (const part of ['site.toml', 'content', 'templates', 'static', 'data']) cpSync(join(root, part), join(s, part), { recursive: true });
  const ladder = join(s, 'data/ladders/deepseek.toml');
  const text = readFileSync(ladder, 'utf8');
  assert.match(text, /^key = "people_usd"$/m);
  writeFileSync(ladder, text.replace(/^key = "people_usd"$/m, `key = "data_people_usd"${alias ? '\naliases = ["people_usd"]' : ''}`));
  const methodology = join(s, 'content/methodology.md');
  // Figure ids follow the new key (the build names the old one, with the new as its help).
  writeFileSync(methodology, readFileSync(methodology, 'utf8').replaceAll('input.people_usd', 'input.data_people_usd'));
  execFileSync(bin, ['build', '--site', s, '--out', join(s, 'public')]);
  label = /\[\[rung\]\]\nid = "people"\nlabel = "([^"]+)"/.exec(text)[1];
  return serve(join(s, 'public'));
}

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'costbook-aliases-'));
  renamed = await build('renamed', true);
  plain = await build('plain', false);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await renamed?.close();
  await plain?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const live = (page) => page.locator('#calc-0 .cb-calc-live').textContent();
/** What a screen reader hears for the people rung's slider: the mirror's aria-valuetext. */
const peopleValue = (page) => page.locator(`#calc-0 [role=slider][aria-label="${label}"]`).getAttribute('aria-valuetext');

test('a link written with the old key opens the same scenario as one with the new key, and the calculator writes the new key', async () => {
  const page = await openPage(browser);
  await page.goto(`${renamed.url}#calc-0:v=1&data_people_usd=350M`);
  await waitForCalculator(page);
  const now = await live(page), value = await peopleValue(page);
  assert.match(value, /350/);

  const old = await openPage(browser);
  await old.goto(`${renamed.url}#calc-0:v=1&people_usd=350M`);
  await waitForCalculator(old);
  assert.equal(await peopleValue(old), value, 'the old key sets the renamed rung');
  assert.equal(await live(old), now, 'and the headline is the same');
  assert.equal(await controlRect(old, 'dismiss'), null, 'with no message: the old key is not an error');
  // A change rewrites the link in today's keys.
  await old.evaluate(() => document.querySelector('#calc-0 input[type=checkbox]').click());
  await old.waitForFunction(() => /[:&]data_people_usd=(350M|3\.5e8)(&|$)/.test(location.hash), null, { timeout: 10000 });
  assert.doesNotMatch(await old.evaluate(() => location.hash), /[:&]people_usd=/);
  assert.deepEqual(consoleProblems(old), []);
  for (const p of [page, old]) await p.context().close();
});

test('without the alias, the old link says its key is unknown and keeps the page\'s value', async () => {
  const page = await openPage(browser);
  await page.goto(plain.url);
  await waitForCalculator(page);
  const start = await peopleValue(page);
  const old = await openPage(browser);
  await old.goto(`${plain.url}#calc-0:v=1&people_usd=350M`);
  await waitForCalculator(old);
  assert.ok(await controlRect(old, 'dismiss'), 'a message says what is wrong');
  assert.equal(await peopleValue(old), start);
  for (const p of [page, old]) await p.context().close();
});
