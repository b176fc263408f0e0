import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { importEsm } from '../../support/import-esm';

/**
 * A real OpenID provider in the test process (panva's `oidc-provider`, certified by the OpenID Foundation) on
 * 127.0.0.1, as an organisation's identity provider would be set up for the console: a public client that must
 * use PKCE, access tokens as RS256-signed JWTs for the API's audience carrying the claims the API reads (roles,
 * office, name), and a sign-in page of its own (user name and password; a first-party client needs no consent).
 */

/** The people who can sign in, with what the identity provider knows of them. */
export interface Account {
  password: string;
  roles: string[];
  office: string;
  name: string;
}

export interface OpenIdProvider {
  /** `http://127.0.0.1:<port>`: the issuer (OIDC_ISSUER) and where its pages are. */
  issuer: string;
  jwksUrl: string;
  /** Registers the console at `origin` as the public client `clientId` (the API's URL is known only once it runs). */
  registerConsole(origin: string): Promise<void>;
  stop(): Promise<void>;
}

/** What the provider's access tokens are for: the resource indicator (RFC 8707) and the audience the API checks. */
const RESOURCE = 'urn:casework:api';

export async function startOpenIdProvider(options: {
  clientId: string;
  audience: string;
  accounts: Record<string, Account>;
  /** Lifetime of an access token, in seconds: short, so that the console must renew. */
  accessTokenTtl: number;
}): Promise<OpenIdProvider> {
  // oidc-provider is published as ES modules only and ships no type declarations.
  const { default: Provider, errors } = await importEsm<{ default: any; errors: any }>('oidc-provider');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };

  let provider: any;
  const server = createServer((req, res) => {
    const handled = provider ? interact(req, res) : Promise.resolve(false);
    handled.then(
      (done) => {
        if (done) return;
        if (!provider) return void res.writeHead(503).end();
        provider.callback()(req, res);
      },
      (error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** The sign-in page (prompt `login`), and for this first-party client an automatic grant (prompt `consent`). */
  async function interact(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
    if (!match) return false;
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'POST' && match[2]) {
      const form = new URLSearchParams(await bodyOf(req));
      const login = form.get('login') ?? '';
      const account = options.accounts[login];
      if (!account || account.password !== form.get('password')) {
        loginPage(res, match[1], 'Wrong user name or password', 401);
        return true;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return true;
    }
    if (details.prompt.name === 'login') {
      loginPage(res, match[1]);
      return true;
    }
    const missing = details.prompt.details;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, (scopes as string[]).join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return true;
  }

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    async registerConsole(origin) {
      const redirect = `${origin}/console/`;
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: options.clientId,
            application_type: 'web',
            // A single-page application holds no secret: a public client, so PKCE is required (pkce.required).
            token_endpoint_auth_method: 'none',
            grant_types: ['authorization_code'],
            response_types: ['code'],
            redirect_uris: [redirect],
            post_logout_redirect_uris: [redirect],
          },
        ],
        jwks: { keys: [signingKey] },
        cookies: { keys: [randomBytes(32).toString('base64url')] },
        pkce: { required: () => true },
        claims: { openid: ['sub'], profile: ['name'] },
        findAccount: (_ctx: unknown, id: string) => {
          const account = options.accounts[id];
          return account ? { accountId: id, claims: () => ({ sub: id, name: account.name }) } : undefined;
        },
        // The console calls the token endpoint from its own origin: only the registered redirect's origin may.
        clientBasedCORS: (_ctx: unknown, origin: string) => origin === new URL(redirect).origin,
        interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
        ttl: { AccessToken: options.accessTokenTtl, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
        features: {
          devInteractions: { enabled: false },
          // The provider's own page asks to confirm (its default one loads web fonts from the internet).
          rpInitiatedLogout: { enabled: true, logoutSource: confirmSignOutPage },
          resourceIndicators: {
            enabled: true,
            // The console asks for no resource: its tokens are for the API all the same.
            defaultResource: () => RESOURCE,
            useGrantedResource: () => true,
            getResourceServerInfo: (_ctx: unknown, indicator: string) => {
              if (indicator !== RESOURCE) throw new errors.InvalidTarget();
              return {
                scope: 'casework',
                audience: options.audience,
                accessTokenTTL: options.accessTokenTtl,
                accessTokenFormat: 'jwt',
                jwt: { sign: { alg: 'RS256' } },
              };
            },
          },
        },
        // What the API reads from an access token besides sub (apps/api/auth/token-verifier.ts).
        extraTokenClaims: (_ctx: unknown, token: { kind: string; accountId: string }) => {
          const account = options.accounts[token.accountId];
          return token.kind === 'AccessToken' && account ? { roles: account.roles, office: account.office, name: account.name } : undefined;
        },
      });
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

async function confirmSignOutPage(ctx: { body: string }, form: string) {
  ctx.body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Identity provider: sign out</title></head>
<body><main><h1>Sign out of the identity provider?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>
</main></body></html>`;
}

function loginPage(res: ServerResponse, uid: string, error?: string, status = 200) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Identity provider: sign in</title></head>
<body><main><h1>Sign in to the identity provider</h1>
${error ? `<p role="alert" id="login-error">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="login">User name</label> <input id="login" name="login" autocomplete="username" required>
<label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form></main></body></html>`);
}
