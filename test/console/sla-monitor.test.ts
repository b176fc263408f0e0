import type { Browser, Page } from 'playwright-core';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { APPLICANT_ID, APPLICANT_NAME, hukouBody, OWN, portVisaBody } from '../api/support/fixtures';
import { openBrowser, screenshot, screenshotAfterTest, seriousViolations, signIn } from './support/browser';

/**
 * The SLA monitor's live board in Chromium, with business time running 100 000 times faster (as in
 * test/api/sla-alerts.test.ts): a port visa lodged (so accepted) after the board is open misses its 4-hour decision
 * clock within a second, and the breach must appear on the page as it happens, carried by the alerts stream,
 * with no applicant's name, ID or passport number anywhere on the page. An alert redraws its case's rows
 * (`/sla/board?caseId=`) and never makes the page read the whole board again.
 */
describe('web console: the SLA monitor sees a breach appear live', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    sys = await startTestSystem('pglite', { SLA_TIME_SCALE: '100000' });
    ({ browser, page } = await openBrowser());
  }, 120_000);
  afterEach(() => screenshotAfterTest(page));
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('shows the breach, its counts and alerts live, masked, and passes an accessibility scan', async () => {
    const caseworker = await sys.token('caseworker', OWN, 'officer-wang');
    // A case with a Chinese name and ID number already on the board (masked there, as the API masks it).
    const hukou = await sys.request('POST', '/cases', { token: caseworker, body: hukouBody('window') });
    expect(hukou.status).toBe(201);

    const monitor = await sys.token('sla-monitor', OWN);
    await eventually(async () => (await sys.request('GET', '/sla/board', { token: monitor })).body.items.some((i: any) => i.caseId === hukou.body.caseId));

    await signIn(page, sys.url, 'sla-monitor', OWN, 'monitor-he');
    await page.waitForSelector(`tr[data-case="${hukou.body.caseId}"]`);
    await page.waitForSelector('[data-count=breached]');
    await page.waitForFunction(() => document.querySelector('.stream')?.textContent?.includes('已连接'));
    const breachedBefore = Number(await page.textContent('[data-count=breached]'));
    // From here on, every read of the board: an alert must redraw its case's rows, not read the whole board.
    const boardReads: URL[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/sla/board') boardReads.push(url);
    });

    // Only now the case that will breach: what follows can reach the page only through the live stream.
    const opened = await sys.request('POST', '/cases', { token: caseworker, body: portVisaBody() });
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.caseId;

    await page.waitForSelector('[data-alert=SlaDeadlinePassed]', { timeout: 30_000 });
    await page.waitForFunction(
      (id) => [...document.querySelectorAll(`tr[data-case="${id}"] .badge`)].some((b) => b.classList.contains('sla-breached')),
      caseId,
      { timeout: 15_000 },
    );
    expect(Number(await page.textContent('[data-count=breached]'))).toBeGreaterThan(breachedBefore);
    // The alerts came as a burst (goal missed, deadline passed, escalations): the page read only this case's rows.
    expect(boardReads.length).toBeGreaterThan(0);
    // (The hukou case's clocks run 100 000 times faster too, so its own alerts may redraw its rows as well.)
    const redrawn = boardReads.map((u) => u.searchParams.get('caseId'));
    expect(redrawn).toContain(caseId);
    expect(redrawn.filter((id) => id !== caseId && id !== hukou.body.caseId)).toEqual([]);
    // The case opened before the board is still on it, untouched by the redraw.
    expect(await page.locator(`tr[data-case="${hukou.body.caseId}"]`).count()).toBeGreaterThan(0);
    // The state is written as text too, not only as a colour.
    expect(await page.textContent(`tr[data-case="${caseId}"]`)).toContain('已超时');

    const text = (await page.textContent('body')) ?? '';
    for (const personal of ['Anna Schmidt', 'C01X00T47', APPLICANT_NAME, APPLICANT_ID]) expect(text).not.toContain(personal);
    // A monitor watches clocks: the API hands it no name at all, not even a masked one.
    expect(text).not.toContain(`${APPLICANT_NAME[0]}*`);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sla-monitor');

    // Filtering by type leaves only that type's clocks.
    await page.selectOption('#filter-type', 'hukou-migration');
    await page.waitForFunction((id) => !document.querySelector(`tr[data-case="${id}"]`), caseId);
    expect(await page.locator(`tr[data-case="${hukou.body.caseId}"]`).count()).toBeGreaterThan(0);
  }, 90_000);
});

// Functions handed to page.evaluate run in the browser; test/ is type-checked without the DOM library.
declare const document: any;
