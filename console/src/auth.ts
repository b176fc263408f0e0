import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { api } from './api/client';

export interface Session {
  token: string;
  role: string;
  office: string;
  sub: string;
  name?: string;
  /** epoch ms */
  expiresAt: number;
}

const KEY = 'casework.session';

/** The claims the API reads from a token (it verifies the signature; the page only needs to know who it is). */
export function sessionFromToken(token: string): Session {
  const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
    roles?: string[];
    office?: string;
    sub?: string;
    name?: string;
    exp?: number;
  };
  return {
    token,
    role: payload.roles?.[0] ?? '',
    office: payload.office ?? '',
    sub: payload.sub ?? '',
    name: payload.name,
    expiresAt: (payload.exp ?? 0) * 1000,
  };
}

/** Kept for this tab only: closing it signs out. */
export function storedSession(): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  const session = JSON.parse(raw) as Session;
  return session.expiresAt > Date.now() ? session : undefined;
}

export function storeSession(session: Session | undefined) {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export type SignInConfig = Awaited<ReturnType<typeof loadSignInConfig>>;

export async function loadSignInConfig() {
  const { data, error } = await api.GET('/console/config');
  if (error || !data) throw new Error('the console settings could not be loaded');
  return data;
}

/** Development: a token minted by the API for the chosen role and office. */
export async function devSignIn(body: { role: string; office: string; sub?: string; name?: string }): Promise<Session> {
  const { data, error } = await api.POST('/console/dev-token', { body: body as never });
  if (error || !data) throw new Error(error?.detail ?? 'no token');
  return sessionFromToken(data.token);
}

/** Production: OpenID Connect authorization code flow with PKCE (oidc-client-ts does the code verifier and state). */
function userManager(oidc: { authority: string; clientId: string; scope: string }) {
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    scope: oidc.scope,
    response_type: 'code',
    redirect_uri: `${location.origin}/console/`,
    post_logout_redirect_uri: `${location.origin}/console/`,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

export async function oidcSignIn(oidc: { authority: string; clientId: string; scope: string }) {
  await userManager(oidc).signinRedirect();
}

/** Back from the issuer with `?code=…&state=…`: trades the code for tokens and cleans the address bar. */
export async function oidcCallback(oidc: { authority: string; clientId: string; scope: string }): Promise<Session | undefined> {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') || !params.has('state')) return undefined;
  const user = await userManager(oidc).signinRedirectCallback();
  history.replaceState(null, '', '/console/');
  return sessionFromToken(user.access_token);
}
