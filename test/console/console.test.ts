import { SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { multiEntryVisaBody, OWN, portVisaBody, problemDefects, raw } from '../api/support/fixtures';
import { openBrowser, screenshot, screenshotAfterTest, seriousViolations, signIn, tabTo } from './support/browser';

/**
 * The web console at /console, driven in Chromium against the embedded profile (PGlite, the real
 * Temporal dev server): a caseworker's multi-entry visa journey, a supervisor's audit, double clicks
 * that must act once, a keyboard-only pass, and an axe-core scan of every page.
 */

// Functions handed to page.evaluate run in the browser; test/ is type-checked without the DOM library.
declare const document: any;
declare const sessionStorage: any;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('web console: caseworker and supervisor', () => {
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  let supervisor: string;
  let caseworker: string;
  let visaCaseId: string;
  const violations: Record<string, string[]> = {};

  /** Waits for an action's answer on the page; a problem shown instead fails with its text. */
  const outcome = async () => {
    await page.waitForSelector('.notice, .form-error');
    const problem = await page.$('.form-error');
    if (problem) throw new Error(`the page shows a problem: ${await problem.textContent()}`);
  };

  /** Scans the page as it is now; every page's result is asserted in the last test. */
  const scan = async (name: string) => {
    violations[name] = await seriousViolations(page);
  };

  beforeAll(async () => {
    sys = await startTestSystem('pglite');
    ({ browser, page } = await openBrowser());
    supervisor = await sys.token('supervisor', OWN);
    caseworker = await sys.token('caseworker', OWN, 'officer-chen');
  }, 120_000);
  afterEach(() => screenshotAfterTest(page));
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('serves the page and mints development tokens only for valid roles and offices', async () => {
    const html = await raw(sys, 'GET', '/console');
    expect(html.status).toBe(200);
    expect(html.contentType).toMatch(/^text\/html/);
    expect(html.body).toContain('/console/assets/');
    expect((await raw(sys, 'GET', '/console/config')).body).toEqual({ signIn: 'dev' });

    const bad = await raw(sys, 'POST', '/console/dev-token', { body: JSON.stringify({ role: 'caseworker', office: '4401' }) });
    expect(bad.status).toBe(400);
    expect(problemDefects(bad)).toEqual([]);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'office' })]);
    expect((await raw(sys, 'POST', '/console/dev-token', { body: JSON.stringify({ role: 'root', office: OWN }) })).status).toBe(400);

    const minted = await raw(sys, 'POST', '/console/dev-token', { body: JSON.stringify({ role: 'caseworker', office: OWN, sub: 'officer-x' }) });
    expect(minted.status).toBe(201);
    const queue = await sys.request('GET', `/queues/${OWN}`, { token: minted.body.token });
    expect(queue.status).toBe(200);
    // The token is a caseworker's of 440106 and nothing more: another office's queue is refused.
    expect((await sys.request('GET', '/queues/310101', { token: minted.body.token })).status).toBe(403);
  });

  it('lets a caseworker open a multi-entry visa case (double-clicked: one case), request materials, supplement, accept and approve it', async () => {
    await page.goto(`${sys.url}/console`);
    await page.waitForSelector('#role');
    await scan('sign-in');
    await screenshot(page, 'sign-in');
    await signIn(page, sys.url, 'caseworker', OWN, 'officer-chen');
    await page.waitForSelector('h1');
    await scan('queue');

    await page.click('nav a[href="#/open"]');
    await page.selectOption('#case-type', 'multi-entry-visa');
    await page.waitForSelector('#f-details-requestedValidityYears');
    await page.selectOption('#f-channel', 'window');
    await page.fill('#f-applicant-name', 'Anna Schmidt');
    await page.fill('#f-applicant-passportNo', 'C01X00T99');
    await page.fill('#f-applicant-nationality', 'DEU');
    await page.fill('#f-materials', 'passport\ninvitation letter');
    await page.selectOption('#f-details-currentVisa-type', 'M');
    await page.fill('#f-details-currentVisa-entryDate', day(-5));
    await page.fill('#f-details-currentVisa-stayUntil', day(25));
    await page.fill('#f-details-invitingCompany-creditCode', '91440106MA59ABCD1M');
    await page.fill('#f-details-invitingCompany-name', 'Canton Trading Co.');
    await page.fill('#f-details-requestedValidityYears', '3');
    // The visa ends no later than the passport (docs/domain.md §5): a new opening says when it expires.
    await page.fill('#f-details-passportValidUntil', day(5 * 365));
    // First a credit code the schema refuses: the server's message appears next to the field, and nothing is opened.
    await page.fill('#f-details-invitingCompany-creditCode', '9144-bad');
    await scan('open-case');
    await page.click('form button[type=submit]');
    await page.waitForSelector('#f-details-invitingCompany-creditCode-error');
    expect(await page.getAttribute('#f-details-invitingCompany-creditCode', 'aria-invalid')).toBe('true');
    expect((await sys.request('GET', '/cases?type=multi-entry-visa', { token: supervisor })).body.items).toHaveLength(0);
    await scan('open-case-invalid');
    await screenshot(page, 'open-case-invalid');

    await page.fill('#f-details-invitingCompany-creditCode', '91440106MA59ABCD1M');
    await page.dblclick('form button[type=submit]');
    await page.waitForURL(/#\/case\//);
    visaCaseId = page.url().split('#/case/')[1];
    await page.waitForSelector('button[data-action=request-materials]');
    await scan('case');

    const act = async (action: string, fill?: () => Promise<void>) => {
      const before = (await sys.request('GET', `/cases/${visaCaseId}`, { token: caseworker })).body.version;
      await page.click(`button[data-action=${action}]`);
      await page.waitForSelector('.action-form button[type=submit]');
      await fill?.();
      await page.click('.action-form button[type=submit]');
      await outcome();
      await eventually(async () => (await sys.request('GET', `/cases/${visaCaseId}`, { token: caseworker })).body.version > before);
      await page.waitForSelector('.action-form', { state: 'detached' });
    };
    await act('request-materials', () => page.fill('#f-items', 'return ticket'));
    await act('supplement', () => page.fill('#f-items', 'return ticket'));
    await act('accept');
    await act('approve');

    const view = (await sys.request('GET', `/cases/${visaCaseId}`, { token: caseworker })).body;
    expect(['approved', 'completed']).toContain(view.status);
    expect(view.documents).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'visa' })]));
    const history = (await sys.request('GET', `/cases/${visaCaseId}/history`, { token: supervisor })).body;
    expect(history.events.map((e: any) => e.type)).toEqual(
      expect.arrayContaining(['CaseOpened', 'MaterialsRequested', 'MaterialsSupplemented', 'CaseAccepted']),
    );
    // The double click opened exactly one case.
    const opened = await eventually(async () => {
      const list = (await sys.request('GET', '/cases?type=multi-entry-visa', { token: supervisor })).body.items;
      return list.length > 0 && list;
    });
    expect(opened.map((c: any) => c.caseId)).toEqual([visaCaseId]);
    // The page shows the new status (in Chinese by default), the clocks and the register checks.
    await page.reload();
    await page.waitForSelector('dl.summary');
    const text = await page.textContent('main');
    expect(text).toMatch(view.status === 'completed' ? /已办结/ : /已批准/);
    expect(text).toContain('信息核查');
    await screenshot(page, 'caseworker-case');
  }, 120_000);

  it('records exactly one assignment for a double-clicked assign', async () => {
    const opened = await sys.request('POST', '/cases', { token: caseworker, body: portVisaBody() });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId;
    expect(opened.body.allowedActions).toContain('assign');
    await page.goto(`${sys.url}/console#/case/${caseId}`);
    await page.click('button[data-action=assign]');
    await page.fill('#f-assignee', 'officer-chen');
    await page.dblclick('.action-form button[type=submit]');
    await outcome();
    // Give a second request time to land, had one been sent.
    await new Promise((r) => setTimeout(r, 1000));
    const history = (await sys.request('GET', `/cases/${caseId}/history`, { token: supervisor })).body;
    const assigned = history.events.filter((e: any) => /Assign/.test(e.type));
    expect(assigned).toHaveLength(1);
    expect(assigned[0].data).toMatchObject({ assignee: 'officer-chen' });
    await screenshot(page, 'assigned');
  }, 60_000);

  it('can be used with the keyboard alone: open a case from the queue and accept it', async () => {
    const opened = await sys.request('POST', '/cases', {
      token: caseworker,
      body: { ...multiEntryVisaBody(), applicant: { name: 'Keyboard Test', passportNo: 'K01X00T47', nationality: 'DEU' } },
    });
    const caseId = opened.body.caseId;
    await page.goto(`${sys.url}/console#/queue`);
    await eventually(async () => {
      await page.reload();
      await page.waitForSelector('h1');
      return (await page.$(`a[href="#/case/${caseId}"]`)) !== null;
    });
    await page.focus('body');
    await tabTo(page, `a[href="#/case/${caseId}"]`, 200);
    await page.keyboard.press('Enter');
    await page.waitForSelector('button[data-action=accept]');
    await tabTo(page, 'button[data-action=accept]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.action-form button[type=submit]');
    await tabTo(page, '.action-form button[type=submit]');
    await page.keyboard.press('Enter');
    await outcome();
    const view = (await sys.request('GET', `/cases/${caseId}`, { token: caseworker })).body;
    expect(view.status).toBe('accepted');
    // The language toggle is a button too: English on Enter.
    await page.focus('body');
    await tabTo(page, 'header button[lang]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.textContent('main')).toContain('accepted');
    await screenshot(page, 'keyboard-accepted-en');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  }, 60_000);

  it('finds a case by its document or passport number, with the keyboard alone, and never puts the number in the address', async () => {
    const view = (await sys.request('GET', `/cases/${visaCaseId}`, { token: caseworker })).body;
    const visa: string = view.documents.find((d: any) => d.kind === 'visa').number;
    await page.goto(`${sys.url}/console#/queue`);
    await page.waitForSelector('h1');
    await page.focus('body');
    await tabTo(page, 'nav a[href="#/find"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#find-value');
    await scan('find');
    // The kind is a radio group: arrows move through it (receipt → document).
    await tabTo(page, 'input[name=kind]:checked');
    await page.keyboard.press('ArrowRight');
    expect(await page.$eval('input[name=kind]:checked', (i) => i.value)).toBe('document');
    await tabTo(page, '#find-value');
    await page.keyboard.type(visa);
    await page.keyboard.press('Enter');
    // The results' heading takes the focus, and the next Tab reaches the case's link.
    await page.waitForFunction(() => document.activeElement?.matches('h2[data-found]'));
    expect(await page.getAttribute('h2[data-found]', 'data-found')).toBe('1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(`#/case/${visaCaseId}`);
    await scan('find-results');
    await screenshot(page, 'find-results');
    expect(page.url()).not.toContain(visa);

    // By passport number, written in small letters: the API compares in capitals.
    await page.check('input[name=kind][value=passportNo]');
    await page.fill('#find-value', 'c01x00t99');
    await page.click('form button[type=submit]');
    await page.waitForFunction((id) => !!document.querySelector(`tr[data-case="${id}"]`), visaCaseId);
    expect(page.url()).not.toMatch(/c01x00t99/i);

    // A number no case carries: nothing found, said in words. A malformed one: the server's reason by the field.
    await page.fill('#find-value', 'Z99X99Z99');
    await page.click('form button[type=submit]');
    await page.waitForSelector('h2[data-found="0"]');
    await page.check('input[name=kind][value=idNumber]');
    await page.fill('#find-value', '4401');
    await page.click('form button[type=submit]');
    await page.waitForSelector('#find-error');
    expect(await page.getAttribute('#find-value', 'aria-invalid')).toBe('true');
    await screenshot(page, 'find-invalid');

    // Enter on the found case's link opens its page.
    await page.check('input[name=kind][value=passportNo]');
    await page.fill('#find-value', 'C01X00T99');
    await page.press('#find-value', 'Enter');
    await page.waitForFunction(() => document.activeElement?.matches('h2[data-found="1"]'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/case/${visaCaseId}$`));
    await page.waitForSelector('dl.summary');
  }, 60_000);

  it("lets a supervisor scrub the case's timeline, see it at version 3 and its intact hash chain", async () => {
    await signIn(page, sys.url, 'supervisor', OWN, 'inspector-liu');
    await page.waitForSelector('table');
    await scan('cases');
    await page.goto(`${sys.url}/console#/audit/${visaCaseId}`);
    await page.waitForSelector('[data-integrity]');
    expect(await page.getAttribute('[data-integrity]', 'data-integrity')).toBe('ok');
    expect(await page.textContent('[data-integrity]')).toContain('哈希链完整');
    const history = (await sys.request('GET', `/cases/${visaCaseId}/history`, { token: supervisor })).body;
    expect(await page.locator('ol.timeline > li').count()).toBe(history.events.length);

    // Scrub with the slider's keys: Home is version 1, two steps right is version 3.
    await page.focus('#version');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('output[for=version]')?.textContent === '3');
    const atThree = (await sys.request('GET', `/cases/${visaCaseId}/state?version=3`, { token: supervisor })).body;
    expect(atThree.version).toBe(3);
    await page.waitForFunction((v) => [...document.querySelectorAll('dl.summary dd')].some((dd) => dd.textContent === String(v)), 3);
    const summary = await page.textContent('dl.summary');
    expect(summary).toContain(visaCaseId);
    const statusZh: Record<string, string> = { submitted: '已提交', 'awaiting-materials': '待补正', accepted: '已受理' };
    expect(summary).toContain(statusZh[atThree.status]);
    expect(await page.$eval('ol.timeline li.current', (li) => li.textContent)).toContain(history.events[2].type);
    await scan('audit');
    await screenshot(page, 'supervisor-audit');

    await page.click('nav a[href="#/stats"]');
    await page.waitForSelector('canvas');
    await scan('stats');
  }, 60_000);

  it("shows a supervisor the case's access log in a tab, with the finds and reads in it", async () => {
    // The supervisor finds the case too (found cases open in the audit), which the access log then shows.
    await page.click('nav a[href="#/find"]');
    await page.check('input[name=kind][value=passportNo]');
    await page.fill('#find-value', 'C01X00T99');
    await page.click('form button[type=submit]');
    await page.click(`tr[data-case="${visaCaseId}"] a`);
    await page.waitForURL(new RegExp(`#/audit/${visaCaseId}$`));
    await page.waitForSelector('ol.timeline');
    // The access log is written beside the answer: wait until the find is in it before the tab reads it.
    await eventually(async () => {
      const entries = (await sys.request('GET', `/cases/${visaCaseId}/access-log`, { token: supervisor })).body.entries as any[];
      return entries.some((e) => e.kind === 'lookup' && e.actor === 'inspector-liu');
    });

    // Tabs as WAI-ARIA has them: focus the selected tab, the arrow key selects the next one.
    await page.focus('body');
    await tabTo(page, '[role=tab][aria-selected=true]');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#tab-accessLog[aria-selected=true]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-accessLog');
    await page.waitForSelector('table.access-log tbody tr');

    const log = (await sys.request('GET', `/cases/${visaCaseId}/access-log`, { token: supervisor })).body.entries as any[];
    const lookups = log.filter((e) => e.kind === 'lookup');
    expect(lookups.map((e) => e.actor)).toEqual(expect.arrayContaining(['officer-chen', 'inspector-liu']));
    // The page lists what the API lists (the API call above came after the page read it, so at least as many).
    const rows = await page.locator('table.access-log tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(log.length);
    expect(await page.locator('table.access-log tr[data-kind=lookup]').count()).toBeGreaterThanOrEqual(2);
    const text = (await page.textContent('table.access-log')) ?? '';
    expect(text).toContain('按编号查找');
    expect(text).toContain('inspector-liu');
    expect(text).toContain('POST /cases/lookup');
    await scan('audit-access-log');
    await screenshot(page, 'supervisor-access-log');

    // Back to the timeline with the other arrow.
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('ol.timeline');
  }, 60_000);

  it('renews a development token before it runs out, and after a 401 signs in again without the user noticing', async () => {
    const mint = (secret: string, seconds: number) =>
      new SignJWT({ roles: ['supervisor'], office: OWN })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('inspector-liu')
        .setIssuer('casework-dev')
        .setAudience('casework')
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
        .sign(new TextEncoder().encode(secret));
    /** Puts a session with this token in the tab, as the sign-in page would have, and reloads the console. */
    const sessionWith = async (token: string) => {
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      const session = {
        token,
        role: 'supervisor',
        office: OWN,
        sub: 'inspector-liu',
        expiresAt: claims.exp * 1000,
        issuedAt: claims.iat * 1000,
        receivedAt: Date.now(),
        renew: { role: 'supervisor', office: OWN, sub: 'inspector-liu' },
      };
      await page.evaluate((s) => sessionStorage.setItem('casework.session', s), JSON.stringify(session));
      await page.reload();
    };
    const tokenInTab = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('casework.session') ?? '{}').token as string | undefined);
    const minted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/console/dev-token')) minted.push(r.url());
    });

    // A token of 6 seconds: renewed halfway, before it runs out, while the page stays where it is.
    await page.goto(`${sys.url}/console#/cases`);
    const short = await mint(process.env.JWT_SECRET!, 6);
    await sessionWith(short);
    await page.waitForSelector('table');
    await page.waitForFunction((old) => {
      const token = JSON.parse(sessionStorage.getItem('casework.session') ?? '{}').token;
      return token && token !== old;
    }, short);
    expect(minted).toHaveLength(1);
    const renewed = await tokenInTab();
    const { exp } = JSON.parse(Buffer.from(renewed!.split('.')[1], 'base64url').toString());
    expect(exp * 1000 - Date.now()).toBeGreaterThan(7 * 3_600_000);
    expect(page.url()).toMatch(/#\/cases$/);
    // Past the old token's end the console still reads, with the new one.
    await new Promise((r) => setTimeout(r, 6_500));
    await page.click('nav a[href="#/stats"]');
    await page.waitForSelector('canvas');
    expect(await page.$('#role')).toBeNull();
    expect(await page.textContent('header')).toContain('inspector-liu');

    // A token the API no longer accepts (its signing secret changed): the first request gets 401, the console
    // mints a new token and repeats the request, and the user sees the cases, not the sign-in page.
    minted.length = 0;
    const stale = await mint('a-secret-this-api-never-had-0123456789', 3_600);
    const refused = await sys.request('GET', '/cases', { token: stale });
    expect(refused.status).toBe(401);
    await page.goto(`${sys.url}/console#/cases`);
    await sessionWith(stale);
    await page.waitForSelector('table tbody tr');
    expect(await page.$('#role')).toBeNull();
    expect(minted).toHaveLength(1);
    expect(await tokenInTab()).not.toBe(stale);
    await screenshot(page, 'renewed-session');
  }, 60_000);

  it('has no serious or critical accessibility violation on any page', () => {
    expect(Object.keys(violations).sort()).toEqual([
      'audit',
      'audit-access-log',
      'case',
      'cases',
      'find',
      'find-results',
      'open-case',
      'open-case-invalid',
      'queue',
      'sign-in',
      'stats',
    ]);
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
  });
});
