// Shared by the browser tests and wasm/bench.mjs: a static server for a built site on a free
// loopback port, and Debian's Chromium driven by playwright-core (no browser downloads).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.COSTBOOK_CHROMIUM || '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm', '.ico': 'image/x-icon',
};

/**
 * Serves `root` on 127.0.0.1 and a free port. `wasmType` overrides the .wasm MIME type (a host
 * that gets it wrong). Every request is recorded in `server.requests` (paths).
 */
export async function serve(root, { wasmType = 'application/wasm' } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    const ext = extname(file);
    res.writeHead(200, {
      'content-type': ext === '.wasm' ? wasmType : TYPES[ext] || 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * `costbook serve --port 0` on the site folder `dir` (the binary tests/browser/run names in
 * COSTBOOK_BIN); resolves with {url, stderr, stop}, the URL read from its first line.
 */
export function costbookServe(dir) {
  const bin = process.env.COSTBOOK_BIN;
  if (!bin) throw new Error('COSTBOOK_BIN is not set: run the tests through tests/browser/run');
  const child = spawn(bin, ['serve', '--port', '0', '--site', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(d.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const m = line.match(/ at (http:\/\/127\.0\.0\.1:\d+\/) /);
      if (m) resolve({ url: m[1], stderr, stop }); else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`costbook serve exited with ${code}: ${stderr.join('')}`)));
  });
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
           '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Counts WebGL draw calls on the page (window.__draws), installed before any script runs. */
export function countDraws() {
  for (const name of ['drawElements', 'drawArrays']) {
    const proto = WebGL2RenderingContext.prototype;
    const real = proto[name];
    proto[name] = function (...args) { window.__draws = (window.__draws || 0) + 1; return real.apply(this, args); };
  }
}

/** A page that records console messages and page errors into `page.problems`. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.foreign = [];
  page.on('console', (m) => {
    if (m.type() === 'log' || m.type() === 'info' || m.type() === 'debug') return;
    const where = m.location()?.url || '';
    // Chromium asks for /favicon.ico when the template names no icon (a generator matter,
    // reported separately): that 404 is not the page's own doing.
    if (where.endsWith('/favicon.ico') && m.text().startsWith('Failed to load resource')) { page.favicon404 = true; return; }
    page.problems.push(`${m.type()}: ${m.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(r.url()) && !r.url().startsWith('data:')) page.foreign.push(r.url()); });
  await page.addInitScript(countDraws);
  return page;
}

/** Console errors and warnings, and page errors. */
export function consoleProblems(page) {
  return page.problems;
}

/** Waits until the calculator in `figure` (a CSS selector) has drawn a frame. */
export async function waitForCalculator(page, figure = '#calc-0') {
  await page.locator(figure).scrollIntoViewIfNeeded();
  await page.waitForFunction((sel) => {
    const f = document.querySelector(sel);
    return f && f.classList.contains('cb-ready') && !f.hasAttribute('aria-busy') && f.costbookCalc && window.__draws > 0;
  }, figure, { timeout: 20000 });
  await page.waitForTimeout(200);
}

/** A control's rectangle in page coordinates: `what` is key:rate, rung:final, tab:own, reset... */
export async function controlRect(page, what, figure = '#calc-0') {
  return page.evaluate(([sel, name]) => {
    const f = document.querySelector(sel);
    const out = f.costbookCalc.probe(name);
    const c = f.querySelector('canvas').getBoundingClientRect();
    const [x, y, w, h] = out.split(',').map(Number);
    return out ? { x: c.left + x, y: c.top + y, w, h } : null;
  }, [figure, what]);
}

/**
 * Drags the slider of `what` (key:rate) from 25% to 75% of its width, in steps, releasing past its
 * end and outside the canvas (which must still release), then waits for the #hash to carry it.
 */
export async function drag(page, what) {
  let r = await controlRect(page, what);
  if (!r) throw new Error(`${what} has no slider`);
  await page.evaluate((y) => window.scrollBy(0, y - innerHeight / 2), r.y);  // into view
  await page.waitForTimeout(100);
  r = await controlRect(page, what);
  const y = r.y + r.h / 2;
  await page.mouse.move(r.x + r.w * 0.25, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(r.x + r.w * (0.25 + 0.05 * i), y);
  await page.mouse.move(r.x + r.w * 1.2, y + 200);
  await page.mouse.up();
  // The #hash is written 200 ms after the last change (frames under SwiftShader can be slow).
  await page.waitForFunction((source) => new RegExp(source).test(location.hash),
                             `^#calc-0:.*${what.split(':')[1]}=`, { timeout: 10000 });
  await page.waitForTimeout(300);
}

export const site = () => {
  const dir = process.env.COSTBOOK_SITE_DIR;
  if (!dir) throw new Error('COSTBOOK_SITE_DIR is not set: run the tests through tests/browser/run');
  return dir;
};

/** The built site's pages, as paths relative to its root ('' for the home page, 'rl/', ...). */
export function pages(root) {
  const out = [];
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${rel}${name}/`);
      else if (name === 'index.html') out.push(rel);
    }
  };
  walk(root, '');
  return out;
}

/** Decodes an 8-bit RGB(A) PNG (as Playwright's screenshots are) into {width, height, rgba}. */
export function decodePng(buf) {
  let pos = 8, width = 0, height = 0, type = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), kind = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); type = data[9]; }
    if (kind === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = type === 6 ? 4 : 3, stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? px[y * stride + x - bpp] : 0, b = y ? px[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y ? px[(y - 1) * stride + x - bpp] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f];
      px[y * stride + x] = (line[x] + pred) & 255;
    }
  }
  const rgba = Buffer.alloc(width * height * 4, 255);
  for (let i = 0; i < width * height; i++) px.copy(rgba, i * 4, i * bpp, i * bpp + 3);
  return { width, height, rgba };
}

/** The share of pixels that differ from the most common colour (the background). */
export function inkShare(png) {
  const counts = new Map();
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const k = png.rgba.readUInt32BE(i * 4);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  return 1 - Math.max(...counts.values()) / n;
}
