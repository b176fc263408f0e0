import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Auth } from '../../../config/config';
import { OFFICE_PATTERN } from '../../../domain';
import type { VerifiedIdentity } from '../../../domain/access';
import { isRole, type Principal } from './principal';

/** The caller, and until when (epoch ms) their token holds: long-lived answers such as streams end then. */
export interface Verified {
  principal: Principal;
  expiresAt: number;
  /** The person's verified identity, for applicants (idNumber / passportNo claims): whom they may lodge for. */
  identity?: VerifiedIdentity;
}

export type TokenVerifier = (token: string) => Promise<Verified>;

export class InvalidToken extends Error {}

/**
 * Asymmetric algorithms an OpenID Connect issuer may sign with: pinned, so a key of the set is never used
 * with an algorithm the issuer did not mean (and `none` or HMAC never apply).
 */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** The longest a token may live (exp − iat) unless configured: one working day. */
export const DEFAULT_MAX_LIFETIME_SECONDS = 12 * 3600;

/**
 * HS256 with the generated development secret, or an OpenID Connect issuer's keys in production.
 * A token lives at most `maxLifetimeSeconds` from its issue time: a stolen long-lived token is a standing
 * key to personal data, and a role or office taken away must take effect within a working day.
 */
export function createTokenVerifier(auth: Auth, maxLifetimeSeconds = DEFAULT_MAX_LIFETIME_SECONDS): TokenVerifier {
  // `exp` is required: a signed token without one would hold for ever; `iat` tells how long it was meant to.
  const options = { issuer: auth.issuer, audience: auth.audience, requiredClaims: ['exp', 'iat'] };
  const verify =
    auth.kind === 'dev'
      ? (t: string) => jwtVerify(t, auth.secret, { ...options, algorithms: ['HS256'] })
      : (() => {
          const jwks = createRemoteJWKSet(new URL(auth.jwksUrl));
          return (t: string) => jwtVerify(t, jwks, { ...options, algorithms: OIDC_ALGORITHMS });
        })();
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(token));
    } catch (e) {
      throw new InvalidToken(reasonOf(e));
    }
    // jwtVerify has checked that both are numbers.
    const lifetime = (payload.exp as number) - (payload.iat as number);
    if (lifetime > maxLifetimeSeconds) {
      throw new InvalidToken(
        `the token lives ${formatSpan(lifetime)} (exp − iat), longer than the ${formatSpan(maxLifetimeSeconds)} allowed: get a shorter-lived one`,
      );
    }
    return principalFrom(payload);
  };
}

/**
 * One distinct, actionable reason per way a token fails; none names the key, the secret or the
 * expected values beyond what the caller already sent.
 */
export function reasonOf(e: unknown): string {
  const { code, claim, reason } = (e ?? {}) as { code?: string; claim?: string; reason?: string };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired: get a new one';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'exp') return 'the token has no expiry: tokens must carry exp';
      if (claim === 'aud') return reason === 'missing' ? 'the token has no audience (aud)' : 'the token is for another audience (aud)';
      if (claim === 'iss') return reason === 'missing' ? 'the token has no issuer (iss)' : 'the token is from another issuer (iss)';
      if (claim === 'nbf') return 'the token is not valid yet (nbf)';
      if (claim === 'iat')
        return reason === 'missing'
          ? 'the token has no issue time (iat): tokens must carry iat, so that their lifetime can be checked'
          : 'the token has an invalid issue time (iat)';
      return `the token's ${claim ?? 'claims'} claim is not valid`;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the token is signed with an algorithm this server does not accept';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'the token signature does not verify: it was not issued for this server';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'the token is malformed: send a signed JWT (header.payload.signature)';
    default:
      // The issuer's keys could not be fetched (timeout, network, a bad key set): not the caller's fault.
      return 'the token could not be checked now: try again later';
  }
}

/** 43200 → "12 h", 90 → "90 s". */
const formatSpan = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

function principalFrom(p: JWTPayload): Verified {
  const roles = Array.isArray(p.roles) ? p.roles.filter(isRole) : [];
  const office = typeof p.office === 'string' ? p.office : '';
  if (!p.sub || roles.length === 0 || !OFFICE_PATTERN.test(office)) {
    throw new InvalidToken('the token lacks sub, a known role or a 6-digit office');
  }
  const principal: Principal = {
    id: p.sub,
    role: roles[0],
    office,
    ...(typeof p.name === 'string' ? { name: p.name } : {}),
    // Only a supervisor heads an office (docs/api.md); the claim on any other role is ignored.
    ...(p.officeHead === true && roles[0] === 'supervisor' ? { officeHead: true } : {}),
  };
  const identity: VerifiedIdentity = {
    ...(typeof p.idNumber === 'string' ? { idNumber: p.idNumber.toUpperCase() } : {}),
    ...(typeof p.passportNo === 'string' ? { passportNo: p.passportNo.toUpperCase() } : {}),
  };
  // jwtVerify has checked that exp is present and a number.
  return { principal, expiresAt: (p.exp as number) * 1000, ...(Object.keys(identity).length > 0 ? { identity } : {}) };
}
