import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// Functions handed to page.evaluate run in the browser; test/ is type-checked without the DOM library.
declare const document: any;
declare const window: any;
declare const sessionStorage: any;

/** Debian's Chromium (the test setup installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Where the screenshots go (gitignored). */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output', 'console');

/**
 * One browser per suite, one page at 1280x800 reused by its tests. `bypassCSP` (by default): the API's
 * Content-Security-Policy forbids inline scripts, and the tests inject axe-core as one; a test of what the
 * policy allows (the sign-in at an identity provider) keeps it.
 */
export async function openBrowser({ bypassCSP = true } = {}): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Europe/Berlin', bypassCSP });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { browser, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The page as each test left it, passed or failed, under test-output/console/tests/ (named after the suite
 * and the test): call in afterEach. A test's own named screenshots show its key moments besides.
 */
export async function screenshotAfterTest(page: Page | undefined): Promise<void> {
  const name = (expect.getState().currentTestName ?? 'unnamed')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
  if (page && !page.isClosed() && page.url() !== 'about:blank') await screenshot(page, join('tests', name));
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical accessibility violations axe-core finds on the page as it is now (rule id: targets). */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as { axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Presses Tab (at most `limit` times) until the focused element matches `selector`: keyboard-only navigation. */
export async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} was not reached with ${limit} presses of Tab`);
}

/** Signs in through the development sign-in page (the console's own form). */
export async function signIn(page: Page, url: string, role: string, office: string, sub: string): Promise<void> {
  await page.goto(`${url}/console`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${url}/console#/`);
  await page.reload();
  await page.selectOption('#role', role);
  await page.fill('#office', office);
  await page.fill('#sub', sub);
  await page.click('button[type=submit]');
  await page.waitForSelector('header nav');
}
