import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type CaseView = Schemas['CaseView'];
export type Problem = Schemas['Problem'] & { errors?: { path: string; message: string }[] };

let bearer: string | undefined;
let onUnauthorized: () => void = () => {};

/** The token every request carries from now on (undefined: signed out). */
export function useToken(token: string | undefined, unauthorized: () => void) {
  bearer = token;
  onUnauthorized = unauthorized;
}

export const currentToken = () => bearer;

/**
 * The API client, typed from the OpenAPI document the API serves (schema.d.ts is generated from it at
 * build time, so a contract change fails the console's type check instead of reaching a user).
 */
export const api = createClient<paths>({ baseUrl: '' });
api.use({
  onRequest({ request }) {
    if (bearer) request.headers.set('authorization', `Bearer ${bearer}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && bearer) onUnauthorized();
    return response;
  },
});

/** A problem's text for a person: its detail, which the API writes to be acted on. */
export const problemText = (p: unknown) =>
  p instanceof Error ? p.message : p && typeof p === 'object' && 'detail' in p ? String((p as Problem).detail) : JSON.stringify(p);
