import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { api } from './api/client';

export interface Session {
  token: string;
  role: string;
  office: string;
  sub: string;
  name?: string;
  /** epoch ms, by the issuer's clock */
  expiresAt: number;
  /** epoch ms, by the issuer's clock (its `iat`, else when the page got it) */
  issuedAt: number;
  /** epoch ms, by this browser's clock: when the page got the token */
  receivedAt: number;
  /** Development sign-in: what was chosen, so that a fresh token can be minted before this one runs out. */
  renew?: DevSignIn;
}

export interface DevSignIn {
  role: string;
  office: string;
  sub?: string;
  name?: string;
}

const KEY = 'casework.session';
/** Set when the person signs out in this tab, until the next load has forgotten everything (see `signedOutHere`). */
const SIGNED_OUT = 'casework.signed-out';

/** The claims the API reads from a token (it verifies the signature; the page only needs to know who it is). */
export function sessionFromToken(token: string): Session {
  const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
    roles?: string[];
    office?: string;
    sub?: string;
    name?: string;
    exp?: number;
    iat?: number;
  };
  const receivedAt = Date.now();
  return {
    token,
    role: payload.roles?.[0] ?? '',
    office: payload.office ?? '',
    sub: payload.sub ?? '',
    name: payload.name,
    expiresAt: (payload.exp ?? 0) * 1000,
    issuedAt: payload.iat ? payload.iat * 1000 : receivedAt,
    receivedAt,
  };
}

/** Kept for this tab only: closing it signs out. */
export function storedSession(): Session | undefined {
  if (sessionStorage.getItem(SIGNED_OUT)) storeSession(undefined);
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  const session = JSON.parse(raw) as Session;
  return session.expiresAt > Date.now() ? session : undefined;
}

export function storeSession(session: Session | undefined) {
  if (session) {
    sessionStorage.setItem(KEY, JSON.stringify(session));
    sessionStorage.removeItem(SIGNED_OUT);
  } else sessionStorage.removeItem(KEY);
}

/**
 * The person signs out in this tab (the caller has forgotten the session): marked, so that the next load forgets it
 * again, with the issuer's tokens. A silent renewal under way as the page leaves for the issuer can still store what
 * it brings back, and the page the issuer sends the browser back to must not show the last person's work, not even
 * for a moment. Storing a session (signing in) clears the mark.
 */
export function signedOutHere() {
  sessionStorage.setItem(SIGNED_OUT, '1');
}

/** On the first load after signing out: forgets the issuer's tokens stored since (`storedSession` forgot the session). */
export async function forgetAfterSignOut(oidc: Oidc | undefined) {
  if (!sessionStorage.getItem(SIGNED_OUT)) return;
  if (oidc) await userManager(oidc).removeUser();
  sessionStorage.removeItem(SIGNED_OUT);
}

export type SignInConfig = Awaited<ReturnType<typeof loadSignInConfig>>;

export async function loadSignInConfig() {
  const { data, error } = await api.GET('/console/config');
  if (error || !data) throw new Error('the console settings could not be loaded');
  return data;
}

/** Development: a token minted by the API for the chosen role and office. */
export async function devSignIn(body: DevSignIn): Promise<Session> {
  const { data, error } = await api.POST('/console/dev-token', { body: body as never });
  if (error || !data) throw new Error(error?.detail ?? 'no token');
  return { ...sessionFromToken(data.token), renew: body };
}

/**
 * A fresh token for the same person: in development minted again with the same choices (a development
 * token lasts 8 hours, a counter's shift can be longer, and a restarted API may sign with a new secret);
 * with OpenID Connect, oidc-client-ts renews on its own (see `watchOidcSession`), so nothing here.
 */
export async function renewSession(session: Session): Promise<Session | undefined> {
  if (!session.renew) return undefined;
  try {
    return await devSignIn(session.renew);
  } catch {
    return undefined;
  }
}

/** How long before a token runs out it is renewed (oidc-client-ts' default for its own notice). */
export const RENEW_BEFORE_MS = 60_000;
/**
 * In how many ms to renew: a minute before the end of the token's lifetime, or halfway through a token
 * shorter than two minutes. The lifetime comes from the issuer's clock (iat to exp) and the time since from
 * this browser's, so a browser clock set wrong neither renews in a loop nor lets the token lapse.
 */
export function renewIn(session: Session, now = Date.now()): number {
  const lifetime = session.expiresAt - session.issuedAt;
  return Math.max(Math.max(lifetime - RENEW_BEFORE_MS, lifetime / 2) - (now - session.receivedAt), 0);
}

type Oidc = { authority: string; clientId: string; scope: string };
let manager: { key: string; value: UserManager } | undefined;

/**
 * Production: OpenID Connect authorization code flow with PKCE (oidc-client-ts does the code verifier and
 * state). One manager per page, because it also runs the automatic silent renewal: shortly before the access
 * token expires it asks the issuer for a new one (with the refresh token when the issuer gave one, else in a
 * hidden frame that comes back to this page, see `oidcSilentCallback`).
 */
function userManager(oidc: Oidc) {
  const key = JSON.stringify(oidc);
  if (manager?.key === key) return manager.value;
  const value = new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    scope: oidc.scope,
    response_type: 'code',
    redirect_uri: `${location.origin}/console/`,
    silent_redirect_uri: `${location.origin}/console/`,
    post_logout_redirect_uri: `${location.origin}/console/`,
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: RENEW_BEFORE_MS / 1000,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
  manager = { key, value };
  return value;
}

export async function oidcSignIn(oidc: Oidc) {
  await userManager(oidc).signinRedirect();
}

/**
 * Back from the issuer: from signing in with `?code=…&state=…` (trades the code and the PKCE verifier for tokens),
 * from signing out with `?state=…` alone. Either way the address bar is cleaned.
 */
export async function oidcCallback(oidc: Oidc): Promise<Session | undefined> {
  const params = new URLSearchParams(location.search);
  if (!params.has('state')) return undefined;
  const manager = userManager(oidc);
  try {
    if (!params.has('code') && !params.has('error')) {
      await manager.signoutRedirectCallback();
      return undefined;
    }
    const user = await manager.signinRedirectCallback();
    return sessionFromToken(user.access_token);
  } finally {
    history.replaceState(null, '', '/console/');
  }
}

/**
 * Signing out ends the session at the issuer too: at a shared counter the next person must not be signed in as
 * the last one by the issuer's session (nor by a silent renewal). The tokens are forgotten first, so the request
 * names the client (`client_id`) rather than carrying the ID token as a hint: no token goes into an address.
 */
export async function oidcSignOut(oidc: Oidc) {
  const manager = userManager(oidc);
  await manager.removeUser();
  await manager.signoutRedirect();
}

/** Forgets the tokens here (the API refused them, or the issuer would not renew them) and stops renewing. */
export async function oidcForget(oidc: Oidc) {
  await userManager(oidc).removeUser();
}

/** A new access token from the issuer without leaving the page (after a 401), or undefined. */
export async function oidcRenew(oidc: Oidc): Promise<Session | undefined> {
  try {
    const user = await userManager(oidc).signinSilent();
    return user ? sessionFromToken(user.access_token) : undefined;
  } catch {
    return undefined;
  }
}

/** Inside the hidden frame of a silent renewal: hands the answer to the page that opened the frame. */
export const isSilentRenewFrame = () => window.parent !== window && new URLSearchParams(location.search).has('state');
export async function oidcSilentCallback(oidc: Oidc) {
  await userManager(oidc).signinSilentCallback();
}

/**
 * Follows the renewals oidc-client-ts makes: each new access token replaces the session's; a renewal that
 * fails (the issuer's session ended) signs out, since the next request would be refused anyway.
 */
export function watchOidcSession(oidc: Oidc, onToken: (s: Session | undefined) => void): () => void {
  const events = userManager(oidc).events;
  const loaded = (user: { access_token: string }) => onToken(sessionFromToken(user.access_token));
  const failed = () => onToken(undefined);
  events.addUserLoaded(loaded);
  events.addSilentRenewError(failed);
  return () => {
    events.removeUserLoaded(loaded);
    events.removeSilentRenewError(failed);
  };
}
