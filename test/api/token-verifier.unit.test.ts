import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { createTokenVerifier, InvalidToken, type TokenVerifier } from '../../apps/api/auth/token-verifier';

/**
 * Every way a token fails gets its own 401 reason, which tells the caller what to fix and nothing of the
 * key: on the development (HS256) path and on the OpenID Connect path (keys from a JWKS endpoint).
 */
const SECRET = new TextEncoder().encode('a-development-secret-of-enough-length');
const CLAIMS = { roles: ['caseworker'], office: '440106' };
const now = () => Math.floor(Date.now() / 1000);

async function reasonFor(verify: TokenVerifier, token: string): Promise<string> {
  try {
    await verify(token);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidToken);
    return (e as Error).message;
  }
  throw new Error('the token was accepted');
}

/** A token as an issuer would sign it; `omit` leaves claims out, `claims` overrides them. */
function sign(key: KeyLike | Uint8Array, alg: string, claims: JWTPayload & { omit?: string[] } = {}) {
  const { omit = [], ...rest } = claims;
  const payload: JWTPayload = { ...CLAIMS, sub: 'officer-li', iss: 'issuer-a', aud: 'casework', iat: now(), exp: now() + 600, ...rest };
  for (const c of omit) delete payload[c];
  return new SignJWT(payload).setProtectedHeader({ alg }).sign(key);
}

const KEY_WORDS = /secret|key|jwk|hs256|rs256|casework-dev|issuer-a|a-development/i;

function expectDistinctAndQuiet(reasons: Record<string, string>) {
  const values = Object.values(reasons);
  expect(new Set(values).size).toBe(values.length);
  for (const r of values) expect(r).not.toMatch(KEY_WORDS);
}

describe('token verification, development tokens (HS256)', () => {
  const verify = createTokenVerifier({ kind: 'dev', secret: SECRET, issuer: 'issuer-a', audience: 'casework' });

  it('accepts a good token and says until when it holds', async () => {
    const exp = now() + 600;
    const verified = await verify(await sign(SECRET, 'HS256', { exp }));
    expect(verified).toEqual({ principal: { id: 'officer-li', role: 'caseworker', office: '440106' }, expiresAt: exp * 1000 });
  });

  it('carries officeHead for a supervisor only (the head of the office in `office`)', async () => {
    const head = await verify(await sign(SECRET, 'HS256', { roles: ['supervisor'], officeHead: true }));
    expect(head.principal).toEqual({ id: 'officer-li', role: 'supervisor', office: '440106', officeHead: true });
    const notHead = await verify(await sign(SECRET, 'HS256', { roles: ['caseworker'], officeHead: true }));
    expect(notHead.principal).not.toHaveProperty('officeHead');
    const stringClaim = await verify(await sign(SECRET, 'HS256', { roles: ['supervisor'], officeHead: 'true' }));
    expect(stringClaim.principal).not.toHaveProperty('officeHead');
  });

  it('refuses each defect with its own actionable reason', async () => {
    const reasons = {
      noExpiry: await reasonFor(verify, await sign(SECRET, 'HS256', { omit: ['exp'] })),
      expired: await reasonFor(verify, await sign(SECRET, 'HS256', { iat: now() - 7200, exp: now() - 3600 })),
      audience: await reasonFor(verify, await sign(SECRET, 'HS256', { aud: 'another-service' })),
      issuer: await reasonFor(verify, await sign(SECRET, 'HS256', { iss: 'someone-else' })),
      notYet: await reasonFor(verify, await sign(SECRET, 'HS256', { nbf: now() + 3600 })),
      signature: await reasonFor(verify, await sign(new TextEncoder().encode('another-secret-entirely-0123456789'), 'HS256')),
      algorithm: await reasonFor(verify, await sign(SECRET, 'HS512')),
      malformed: await reasonFor(verify, 'not.a.jwt'),
    };
    expect(reasons.noExpiry).toMatch(/^the token has no expiry/);
    expect(reasons.expired).toMatch(/^the token has expired/);
    expect(reasons.audience).toMatch(/audience/);
    expect(reasons.issuer).toMatch(/issuer/);
    expect(reasons.audience).not.toMatch(/expire/);
    expect(reasons.issuer).not.toMatch(/expire/);
    expect(reasons.notYet).toMatch(/not valid yet/);
    expect(reasons.signature).toMatch(/signature/);
    expect(reasons.algorithm).toMatch(/algorithm/);
    expect(reasons.malformed).toMatch(/malformed/);
    expectDistinctAndQuiet(reasons);
  });
});

describe('token lifetime', () => {
  const verify = createTokenVerifier({ kind: 'dev', secret: SECRET, issuer: 'issuer-a', audience: 'casework' });

  it('accepts a token of exactly 12 h and refuses a longer one or one without iat, each with a precise reason', async () => {
    const iat = now() - 60;
    await expect(verify(await sign(SECRET, 'HS256', { iat, exp: iat + 12 * 3600 }))).resolves.toMatchObject({ principal: { id: 'officer-li' } });
    const reasons = {
      tooLong: await reasonFor(verify, await sign(SECRET, 'HS256', { iat, exp: iat + 12 * 3600 + 1 })),
      week: await reasonFor(verify, await sign(SECRET, 'HS256', { iat, exp: iat + 7 * 86400 })),
      noIssueTime: await reasonFor(verify, await sign(SECRET, 'HS256', { omit: ['iat'] })),
    };
    expect(reasons.tooLong).toBe('the token lives 43201 s (exp − iat), longer than the 12 h allowed: get a shorter-lived one');
    expect(reasons.week).toMatch(/^the token lives 168 h \(exp − iat\), longer than the 12 h allowed/);
    expect(reasons.noIssueTime).toMatch(/^the token has no issue time \(iat\)/);
    expectDistinctAndQuiet({ tooLong: reasons.tooLong, noIssueTime: reasons.noIssueTime });
  });

  it('takes the maximum from configuration', async () => {
    const strict = createTokenVerifier({ kind: 'dev', secret: SECRET, issuer: 'issuer-a', audience: 'casework' }, 900);
    const iat = now();
    await expect(strict(await sign(SECRET, 'HS256', { iat, exp: iat + 900 }))).resolves.toBeDefined();
    expect(await reasonFor(strict, await sign(SECRET, 'HS256', { iat, exp: iat + 1800 }))).toMatch(/lives 30 min .* than the 15 min allowed/);
  });
});

describe('token verification, an OpenID Connect issuer (JWKS)', () => {
  let server: Server;
  let verify: TokenVerifier;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), alg: 'RS256', use: 'sig', kid: 'k1' };
    server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    verify = createTokenVerifier({ kind: 'oidc', issuer: 'issuer-a', audience: 'casework', jwksUrl: `http://127.0.0.1:${port}/jwks` });
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const rs = (claims: JWTPayload & { omit?: string[] } = {}) => {
    const { omit = [], ...rest } = claims;
    const payload: JWTPayload = { ...CLAIMS, sub: 'officer-li', iss: 'issuer-a', aud: 'casework', iat: now(), exp: now() + 600, ...rest };
    for (const c of omit) delete payload[c];
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey);
  };

  it('accepts a good token and refuses each defect with its own reason', async () => {
    await expect(verify(await rs())).resolves.toMatchObject({ principal: { id: 'officer-li', role: 'caseworker' } });
    const reasons = {
      noExpiry: await reasonFor(verify, await rs({ omit: ['exp'] })),
      tooLong: await reasonFor(verify, await rs({ exp: now() + 24 * 3600 })),
      expired: await reasonFor(verify, await rs({ iat: now() - 7200, exp: now() - 3600 })),
      audience: await reasonFor(verify, await rs({ aud: 'another-service' })),
      issuer: await reasonFor(verify, await rs({ iss: 'someone-else' })),
      // An HMAC token "signed" with a public key must never verify: algorithms are pinned to asymmetric ones.
      algorithm: await reasonFor(verify, await sign(SECRET, 'HS256')),
    };
    expect(reasons.noExpiry).toMatch(/^the token has no expiry/);
    expect(reasons.expired).toMatch(/^the token has expired/);
    expect(reasons.audience).toMatch(/audience/);
    expect(reasons.issuer).toMatch(/issuer/);
    expect(reasons.algorithm).toMatch(/algorithm/);
    expect(reasons.tooLong).toMatch(/longer than the 12 h allowed/);
    expectDistinctAndQuiet(reasons);
  });
});
