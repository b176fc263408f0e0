import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Auth } from '../../../config/config';
import { OFFICE_PATTERN } from '../../../domain';
import { isRole, type Principal } from './principal';

export type TokenVerifier = (token: string) => Promise<Principal>;

export class InvalidToken extends Error {}

/** HS256 with the generated development secret, or an OpenID Connect issuer's keys in production. */
export function createTokenVerifier(auth: Auth): TokenVerifier {
  const verify =
    auth.kind === 'dev'
      ? (t: string) => jwtVerify(t, auth.secret, { issuer: auth.issuer, audience: auth.audience, algorithms: ['HS256'] })
      : (() => {
          const jwks = createRemoteJWKSet(new URL(auth.jwksUrl));
          return (t: string) => jwtVerify(t, jwks, { issuer: auth.issuer, audience: auth.audience });
        })();
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(token));
    } catch (e) {
      throw new InvalidToken(e instanceof Error && /exp/.test(e.message) ? 'the token has expired' : 'the token is not valid');
    }
    return principalFrom(payload);
  };
}

function principalFrom(p: JWTPayload): Principal {
  const roles = Array.isArray(p.roles) ? p.roles.filter(isRole) : [];
  const office = typeof p.office === 'string' ? p.office : '';
  if (!p.sub || roles.length === 0 || !OFFICE_PATTERN.test(office)) {
    throw new InvalidToken('the token lacks sub, a known role or a 6-digit office');
  }
  return { id: p.sub, role: roles[0], office, ...(typeof p.name === 'string' ? { name: p.name } : {}) };
}
