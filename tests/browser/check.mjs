// make browser: boardpack's HTML pages opened in Debian's chromium.
//
// usage: node check.mjs OUTDIR PAGE.html...
// For each page, at 1280 and at 320 CSS px wide: axe-core with the WCAG 2.2
// A and AA rules (every violation printed, any one fails), and the page
// must not scroll sideways (WCAG 1.4.10 reflow: tables and charts scroll
// in their own box); every link to a place in the page finds it.
// Screenshots of the first scorecard table and the first chart figure at
// both widths go to OUTDIR, for a person to look at. Then
// the Nu Html Checker (vnu.jar, needs java) over every page: any error fails.
// Prints "N passed, N failed" last.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const vnuJar = require.resolve('vnu-jar/build/dist/vnu.jar');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [1280, 320];

const [outdir, ...pages] = process.argv.slice(2);
if (!outdir || pages.length === 0) {
  console.error('usage: node check.mjs OUTDIR PAGE.html...');
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });
let passed = 0, failed = 0;
const result = (ok, what) => {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
};

async function shoot(page, selector, file) {
  const el = await page.$(selector);
  if (!el) return false;
  await el.screenshot({ path: file });
  return true;
}

async function checkPage(browser, file) {
  const page = await browser.newPage();
  const name = path.basename(file, '.html');
  for (const width of WIDTHS) {
    await page.setViewport({ width, height: 900 });
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
    await page.evaluate(axeSource);
    const axe = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS);
    for (const v of axe.violations)
      for (const n of v.nodes) console.log(`  ${file} @${width}px: ${v.id}: ${v.help}: ${n.target.join(' ')}\n    ${n.failureSummary}`);
    const nodes = axe.violations.reduce((k, v) => k + v.nodes.length, 0);
    result(axe.violations.length === 0,
      `${file} at ${width} px: axe-core ${axe.violations.length} violations (${nodes} elements), ${axe.passes ? axe.passes.length : 0} rules passed`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    result(sideways <= 0, `${file} at ${width} px: the page scrolls sideways by ${Math.max(sideways, 0)} px`);
    if (width === WIDTHS[0]) {
      const broken = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
        .map((a) => decodeURIComponent(a.getAttribute('href').slice(1)))
        .filter((id) => !document.getElementById(id)));
      result(broken.length === 0, `${file}: ${broken.length} links inside the page lead nowhere ${broken.slice(0, 5).join(' ')}`);
    }
    await shoot(page, 'table.scorecard', path.join(outdir, `${name}-scorecard-${width}.png`));
    await shoot(page, 'figure.chart', path.join(outdir, `${name}-chart-${width}.png`));
  }
  await page.close();
}

const profile = mkdtempSync(path.join(tmpdir(), 'boardpack-chromium-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${profile}`],
});
try {
  for (const file of pages) await checkPage(browser, file);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

// The Nu Html Checker: errors only (warnings are advice), one line each.
let vnuOut = '';
let vnuOk = true;
try {
  execFileSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'gnu', ...pages], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
  vnuOk = false;
  vnuOut = `${e.stdout || ''}${e.stderr || ''}`;
}
const vnuErrors = vnuOut.split('\n').filter((l) => l.trim() !== '');
for (const l of vnuErrors) console.log(`  ${l}`);
result(vnuOk, `vnu: ${vnuErrors.length} errors in ${pages.length} pages`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
