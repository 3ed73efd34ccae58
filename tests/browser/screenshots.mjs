// Screenshots of the calculator for looking at (not a test): every tab, light and dark, at 390 and
// 1280 px wide, into a folder of PNGs.
//
//   node tests/browser/screenshots.mjs SITE_DIR OUT_DIR     (SITE_DIR: a site built with the calculator)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consoleProblems, launch, openPage, serve, waitForCalculator } from './lib.mjs';

const [siteDir, outDir] = process.argv.slice(2);
if (!siteDir || !outDir) {
  console.error('usage: node tests/browser/screenshots.mjs SITE_DIR OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const server = await serve(siteDir);
const browser = await launch();
try {
  for (const width of [390, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      for (const tab of (process.env.TABS || 'counted,estimate,own,rl,inference,serve,task,time').split(',')) {
        const page = await openPage(browser, { viewport: { width, height: 900 }, colorScheme });
        await page.goto(`${server.url}#calc-0:tab=${tab}`);
        await waitForCalculator(page);
        const file = join(outDir, `calc-${width}-${colorScheme}-${tab}.png`);
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
