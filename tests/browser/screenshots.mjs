// Screenshots of the calculator for looking at (not a test): every tab, light and dark, at 390 and
// 1280 px wide, into a folder of PNGs. With `pinned`: DeepSeek's accounting (count=rl) pinned, then
// full accounting at $2.50 an hour set, on every tab.
//
//   node tests/browser/screenshots.mjs SITE_DIR OUT_DIR [pinned]   (SITE_DIR: a site built with the calculator)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consoleProblems, controlRect, launch, openPage, serve, waitForCalculator } from './lib.mjs';

const [siteDir, outDir, mode] = process.argv.slice(2);
if (!siteDir || !outDir || (mode && mode !== 'pinned')) {
  console.error('usage: node tests/browser/screenshots.mjs SITE_DIR OUT_DIR [pinned]');
  process.exit(2);
}
const pinned = mode === 'pinned';
mkdirSync(outDir, { recursive: true });
const server = await serve(siteDir);
const browser = await launch();
try {
  for (const width of [390, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      for (const tab of (process.env.TABS || 'counted,estimate,own,rl,inference,serve,task,time').split(',')) {
        const page = await openPage(browser, { viewport: { width, height: 900 }, colorScheme });
        await page.goto(`${server.url}#calc-0:tab=${tab}${pinned ? '&count=rl' : ''}`);
        await waitForCalculator(page);
        if (pinned) {
          const r = await controlRect(page, 'pin');
          await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
          await page.mouse.move(1, 1);  // no hover tooltip in the picture
          await page.waitForTimeout(300);
          await page.evaluate((t) => { location.hash = `#calc-0:tab=${t}&rate=2.5`; }, tab);
          await page.waitForTimeout(500);
        }
        const file = join(outDir, `calc-${width}-${colorScheme}-${tab}${pinned ? '-pinned' : ''}.png`);
        await page.locator('#calc-0').screenshot({ path: file });
        const problems = consoleProblems(page);
        console.log(file, problems.length ? problems : '');
        await page.context().close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
