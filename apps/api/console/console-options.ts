import { SignJWT } from 'jose';
import type { Config } from '../../../config/config';
import type { Role } from '../../../domain';

/** Mints a development token for a chosen role and office (only where development tokens are enabled). */
export type DevTokenMinter = (claims: { role: Role; office: string; sub: string; name?: string }) => Promise<{ token: string; expiresAt: string }>;

/**
 * How the console signs people in: development tokens, or an OpenID Connect issuer (authorization code
 * + PKCE, as a public client); `unavailable` when production has no client id for the console.
 */
export type ConsoleSignIn =
  { kind: 'dev'; mint: DevTokenMinter } | { kind: 'oidc'; authority: string; clientId: string; scope: string } | { kind: 'unavailable'; reason: string };

/** What the process hands the console routes: where the built page lives and how it signs people in. */
export interface ConsoleOptions {
  /** The folder `npm run build` writes the page to (dist/console). */
  assetsDir: string;
  signIn: ConsoleSignIn;
}

/** A development sign-in lasts a working day; the API refuses any token that lives over 12 h. */
const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

/** The console's settings from the configuration: development tokens signed like `npm run token`'s, or the OIDC client. */
export function consoleOptions(cfg: Config): ConsoleOptions {
  const auth = cfg.auth;
  if (auth.kind === 'dev') {
    const mint: DevTokenMinter = async ({ role, office, sub, name }) => {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ roles: [role], office, ...(name ? { name } : {}) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(auth.issuer)
        .setAudience(auth.audience)
        .setIssuedAt(now)
        .setExpirationTime(now + DEV_TOKEN_TTL_SECONDS)
        .sign(auth.secret);
      return { token, expiresAt: new Date((now + DEV_TOKEN_TTL_SECONDS) * 1000).toISOString() };
    };
    return { assetsDir: cfg.console.dir, signIn: { kind: 'dev', mint } };
  }
  if (!cfg.console.oidcClientId) {
    return { assetsDir: cfg.console.dir, signIn: { kind: 'unavailable', reason: 'set CONSOLE_OIDC_CLIENT_ID to the client registered for the console' } };
  }
  return { assetsDir: cfg.console.dir, signIn: { kind: 'oidc', authority: auth.issuer, clientId: cfg.console.oidcClientId, scope: cfg.console.oidcScope } };
}
