// The home page's transfer: every file headless Chromium fetches for it, gzip -9 of each (what a
// static host that compresses sends), at the top of the page and after scrolling to the bottom
// (which brings every calculator near, so calc.js and calc.wasm are fetched: the transfer before
// they were loaded lazily); then, for every page with a calculator, what it fetches at the top of
// the page (its calculator far down: neither calc.js nor calc.wasm). Prints one JSON line.
// Usage: node bench/transfer.mjs BUILT_SITE_DIR
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, serve } from '../tests/browser/lib.mjs';

const root = process.argv[2];
const server = await serve(root);
const browser = await launch();
const sizeOf = (path) => {
  let file = join(root, path);
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) file = join(file, 'index.html');
  try { return gzipSync(readFileSync(file), { level: 9 }).length; } catch { return 0; }
};
const sum = (paths) => {
  const by = {};
  for (const p of new Set(paths)) by[p] = sizeOf(p);
  return { total: Object.values(by).reduce((a, b) => a + b, 0), calc: (by['/calc.js'] || 0) + (by['/calc.wasm'] || 0), files: Object.keys(by).length };
};
try {
  const page = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const top = sum(server.requests);
  for (let y = 0; y < await page.evaluate(() => document.body.scrollHeight); y += 600) {
    await page.evaluate((to) => window.scrollTo(0, to), y);
    await page.waitForTimeout(50);
  }
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const scrolled = sum(server.requests);
  await page.context().close();
  // Every page that carries a calculator, opened at its top in a fresh context (an empty cache).
  const pages = [];
  for (const entry of readdirSync(root, { recursive: true })) {
    if (!String(entry).endsWith('index.html') || String(entry).startsWith('embed/')) continue;
    if (!readFileSync(join(root, entry), 'utf8').includes('<figure class="cb-calc')) continue;
    const path = '/' + String(entry).slice(0, -'index.html'.length);
    const p = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    const from = server.requests.length;
    await p.goto(server.url + path.slice(1));
    await p.waitForLoadState('networkidle');
    await p.waitForTimeout(500);
    pages.push({ path, ...sum(server.requests.slice(from)) });
    await p.context().close();
  }
  pages.sort((a, b) => a.path.localeCompare(b.path));
  console.log(JSON.stringify({ top, scrolled, pages }));
} finally {
  await browser.close();
  await server.close();
}
