import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type CaseView = Schemas['CaseView'];
export type Problem = Schemas['Problem'] & { errors?: { path: string; message: string }[] };

let bearer: string | undefined;
let onUnauthorized: () => void = () => {};
let renewer: (() => Promise<string | undefined>) | undefined;
let renewing: Promise<string | undefined> | undefined;

/**
 * The token every request carries from now on (undefined: signed out). `renew`, when given, gets a fresh
 * token for the same person; a 401 then renews once and repeats the request, so the user never notices.
 */
export function useToken(token: string | undefined, unauthorized: () => void, renew?: () => Promise<string | undefined>) {
  bearer = token;
  onUnauthorized = unauthorized;
  renewer = renew;
}

export const currentToken = () => bearer;

/** A fresh token, or undefined when it cannot be had; concurrent callers share one renewal. */
export function renewToken(): Promise<string | undefined> {
  if (!renewer) return Promise.resolve(undefined);
  renewing ??= renewer().finally(() => (renewing = undefined));
  return renewing;
}

/** Each request as it was before it was sent: a 401 repeats it with a fresh token (its body is read once). */
const unsent = new WeakMap<Request, Request>();

/**
 * The API client, typed from the OpenAPI document the API serves (schema.d.ts is generated from it at
 * build time, so a contract change fails the console's type check instead of reaching a user).
 */
export const api = createClient<paths>({ baseUrl: '' });
api.use({
  onRequest({ request }) {
    if (bearer) request.headers.set('authorization', `Bearer ${bearer}`);
    if (renewer) unsent.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !bearer) return response;
    const copy = unsent.get(request);
    const fresh = copy && (await renewToken());
    if (copy && fresh) {
      // The same request again (an Idempotency-Key travels with it, so an action still happens once).
      copy.headers.set('authorization', `Bearer ${fresh}`);
      const again = await fetch(copy);
      if (again.status !== 401) return again;
    }
    onUnauthorized();
    return response;
  },
});

/** A problem's text for a person: its detail, which the API writes to be acted on. */
export const problemText = (p: unknown) =>
  p instanceof Error ? p.message : p && typeof p === 'object' && 'detail' in p ? String((p as Problem).detail) : JSON.stringify(p);
