import type { Browser, Page, Request } from 'playwright-core';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { OWN, portVisaBody, raw } from '../api/support/fixtures';
import { openBrowser, screenshot, screenshotAfterTest } from './support/browser';
import { startOpenIdProvider, type OpenIdProvider } from './support/openid-provider';

/**
 * The console's production sign-in in Chromium: the API configured as in production (an OpenID Connect issuer's
 * keys, no development tokens) and a real OpenID provider on 127.0.0.1. The caseworker signs in with the
 * authorization code flow and PKCE, works, keeps working after the first access token has run out (renewed
 * silently before it did), and signs out, which ends the session at the provider too. The page keeps the API's
 * Content-Security-Policy (no bypass): what it must allow for the provider is part of what is tested.
 */

// Functions handed to page.evaluate run in the browser; test/ is type-checked without the DOM library.
declare const sessionStorage: any;
declare const document: any;

const CLIENT_ID = 'casework-console';
const AUDIENCE = 'casework';
/** Long enough for oidc-client-ts to renew a minute before the end (a shorter one would renew at once, over and over). */
const ACCESS_TOKEN_TTL_SECONDS = 75;
const OFFICER = { login: 'officer-lin', password: 'a passphrase for the test only' };

/** Holds the next request of the page (or its frames) that matches until released; `reached` when it is made. */
async function hold(page: Page, match: (url: URL) => boolean): Promise<{ reached: Promise<void>; release: () => void }> {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    match,
    async (route) => {
      reach();
      await released;
      await route.continue();
    },
    { times: 1 },
  );
  return { reached, release };
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, any>;

describe('web console: production sign-in at an OpenID provider (code flow with PKCE)', () => {
  let idp: OpenIdProvider;
  let sys: TestSystem;
  let browser: Browser;
  let page: Page;
  /** Every request the browser made (pages, frames, fetches), in order. */
  const requests: Request[] = [];
  /** The bearer tokens the page sent the API, with the answers' statuses. */
  const apiCalls: { path: string; token: string; status: number }[] = [];

  const accessToken = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('casework.session') ?? 'null')?.token as string | undefined);

  beforeAll(async () => {
    idp = await startOpenIdProvider({
      clientId: CLIENT_ID,
      audience: AUDIENCE,
      accessTokenTtl: ACCESS_TOKEN_TTL_SECONDS,
      accounts: { [OFFICER.login]: { password: OFFICER.password, roles: ['caseworker'], office: OWN, name: 'Lin Wei' } },
    });
    sys = await startTestSystem('pglite', {
      OIDC_ISSUER: idp.issuer,
      OIDC_JWKS_URL: idp.jwksUrl,
      OIDC_AUDIENCE: AUDIENCE,
      CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
    });
    await idp.registerConsole(sys.url);
    ({ browser, page } = await openBrowser({ bypassCSP: false }));
    page.context().on('request', (r) => void requests.push(r));
    page.context().on('response', (r) => {
      const url = new URL(r.url());
      const auth = r.request().headers().authorization;
      if (url.origin === sys.url && auth?.startsWith('Bearer ')) apiCalls.push({ path: url.pathname, token: auth.slice(7), status: r.status() });
    });
  }, 120_000);
  afterEach(() => screenshotAfterTest(page));
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
    await idp?.stop();
  });

  it('offers no development tokens, only the identity provider', async () => {
    expect((await raw(sys, 'GET', '/console/config')).body).toEqual({
      signIn: 'oidc',
      oidc: { authority: idp.issuer, clientId: CLIENT_ID, scope: 'openid profile' },
    });
    const minted = await raw(sys, 'POST', '/console/dev-token', { body: JSON.stringify({ role: 'caseworker', office: OWN }) });
    expect(minted.status).toBe(404);

    // The redirect URI is the page too; the page may reach and frame the issuer, and nothing else outside.
    const served = await fetch(`${sys.url}/console/?code=x&state=y`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = served.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ${idp.issuer}`);
    expect(csp).toContain(`frame-src 'self' ${idp.issuer}`);
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('signs a caseworker in with the code flow and PKCE (S256), lands on the queue and calls the API', async () => {
    await page.goto(`${sys.url}/console`);
    await page.click('main button');
    await page.waitForURL(`${idp.issuer}/interaction/**`);

    const authorize = requests.map((r) => new URL(r.url())).find((u) => u.origin === idp.issuer && u.pathname === '/auth')!;
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${sys.url}/console/`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);

    // A wrong password is refused at the provider, which the console never sees.
    await page.fill('#login', OFFICER.login);
    await page.fill('#password', 'not the password');
    await page.click('button[type=submit]');
    await page.waitForSelector('#login-error');
    await screenshot(page, 'oidc-provider-sign-in');
    await page.fill('#login', OFFICER.login);
    await page.fill('#password', OFFICER.password);
    await page.click('button[type=submit]');

    // Back with a code, traded (with the verifier) for tokens; the address bar keeps neither code nor state.
    await page.waitForURL(`${sys.url}/console/#/queue`);
    await page.waitForSelector('main h1');
    expect(await page.textContent('header .who')).toContain('Lin Wei');
    const exchange = requests.find((r) => r.url() === `${idp.issuer}/token`)!;
    expect(exchange.method()).toBe('POST');
    const form = new URLSearchParams(exchange.postData() ?? '');
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code_verifier')).toMatch(/^[\w.~-]{43,128}$/);

    await eventually(async () => apiCalls.find((c) => c.path === `/queues/${OWN}`));
    expect(apiCalls.filter((c) => c.path === `/queues/${OWN}`).map((c) => c.status)).toEqual([200]);

    // The provider's access token is what the API accepts: the caseworker's, of this office, briefly.
    const token = (await accessToken())!;
    const claims = claimsOf(token);
    expect(claims).toMatchObject({ iss: idp.issuer, aud: AUDIENCE, sub: OFFICER.login, roles: ['caseworker'], office: OWN });
    expect(claims.exp - claims.iat).toBe(ACCESS_TOKEN_TTL_SECONDS);
    const opened = await sys.request('POST', '/cases', { token, body: portVisaBody() });
    expect(opened.status).toBe(201);
    expect((await sys.request('GET', '/queues/310101', { token })).status).toBe(403);
    await screenshot(page, 'oidc-queue');
  });

  it(
    'renews the token silently before it runs out, and calls the API after the first one has expired',
    async () => {
      const first = (await accessToken())!;
      const firstExp = claimsOf(first).exp * 1000;
      const renewed = await eventually(async () => {
        const now = await accessToken();
        return now !== first && now;
      }, ACCESS_TOKEN_TTL_SECONDS * 1000);
      // Renewed before the first ran out, with nobody signing in again.
      expect(Date.now()).toBeLessThan(firstExp);
      expect(claimsOf(renewed).exp * 1000).toBeGreaterThan(firstExp);
      expect(page.url()).toBe(`${sys.url}/console/#/queue`);

      // Past the first token's end: the queue is read again, with a renewed token, and shows the case opened before.
      await new Promise((r) => setTimeout(r, Math.max(firstExp - Date.now() + 1000, 0)));
      expect((await sys.request('GET', `/queues/${OWN}`, { token: first })).status).toBe(401);
      const before = apiCalls.length;
      await page.click('nav a[href="#/find"]');
      await page.click('nav a[href="#/queue"]');
      await page.waitForSelector('main table tbody tr');
      const later = apiCalls.slice(before).filter((c) => c.path === `/queues/${OWN}`);
      expect(later.map((c) => c.status)).toEqual([200]);
      expect(later[0].token).not.toBe(first);
      expect(claimsOf(later[0].token).exp * 1000).toBeGreaterThan(Date.now());
    },
    3 * ACCESS_TOKEN_TTL_SECONDS * 1000,
  );

  it('signs out, ending the session at the provider too: signing in again asks for the password', async () => {
    // A silent renewal that comes back as the page leaves for the provider stores its tokens again after sign-out
    // forgot them: none may sign the person in when the provider sends the browser back. The way out is held, and
    // meanwhile, once sign-out has forgotten them, the page writes the tokens back as such a renewal would.
    const tokens = await page.evaluate(() => Object.entries(sessionStorage).filter(([k]) => k === 'casework.session' || k.startsWith('oidc.user')));
    expect(tokens.map(([k]) => k)).toEqual(expect.arrayContaining(['casework.session', expect.stringMatching(/^oidc\.user:/)]));
    const leaving = await hold(page, (u) => u.origin === idp.issuer && u.pathname.startsWith('/session/end'));
    const callsBefore = apiCalls.length;
    try {
      // All in the page: while its way out is held, Playwright would wait for the navigation before the next step.
      await page.evaluate((entries) => {
        const held = () => entries.some(([k]) => sessionStorage.getItem(k) !== null);
        const writeBack = () => (held() ? setTimeout(writeBack, 20) : entries.forEach(([k, v]) => sessionStorage.setItem(k, v)));
        document.querySelector('header .who button:last-child').click();
        writeBack();
      }, tokens);
      await leaving.reached;
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      leaving.release();
    }

    // The provider asks to confirm (the request names the client, not the person: no ID token in the address).
    await page.waitForURL(`${idp.issuer}/session/end**`);
    await page.click('button[name=logout]');
    await page.waitForURL(`${sys.url}/console/**`);
    await page.waitForSelector('main button');
    expect(page.url()).toBe(`${sys.url}/console/`);
    expect(await page.$('header nav')).toBeNull();
    const stored = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => !k.startsWith('oidc.') || k.startsWith('oidc.user')));
    expect(stored).toEqual([]);
    // Nor did the page, back, call the API with those tokens for a moment.
    expect(apiCalls.slice(callsBefore)).toEqual([]);

    // The provider's session has ended: the next sign-in shows its sign-in page again.
    await page.click('main button');
    await page.waitForURL(`${idp.issuer}/interaction/**`);
    expect(await page.$('#password')).not.toBeNull();
  });

  it('never put a token in an address: every request of the browser, page, frame or fetch', () => {
    expect(requests.length).toBeGreaterThan(10);
    const withToken = requests
      .map((r) => r.url())
      .filter((u) => /eyJ[\w-]+\.[\w-]+/.test(u) || /[?&#](access_token|id_token|refresh_token|id_token_hint)=/.test(u));
    expect(withToken).toEqual([]);
    // The silent renewals went through the hidden frame (prompt=none), not a new sign-in.
    const silent = requests
      .map((r) => new URL(r.url()))
      .filter((u) => u.origin === idp.issuer && u.pathname === '/auth' && u.searchParams.get('prompt') === 'none');
    expect(silent.length).toBeGreaterThan(0);
    expect(silent.every((u) => u.searchParams.get('code_challenge_method') === 'S256')).toBe(true);
  });
});
