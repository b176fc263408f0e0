import type { FastifyRequest } from 'fastify';
import { InvalidToken, type TokenVerifier, type Verified } from './token-verifier';

const CHECKED = Symbol('casework:bearer-checked');
type WithCheck = FastifyRequest & { [CHECKED]?: Promise<Verified> };

/**
 * The request's bearer token, verified once per request: the rate limit (which runs before any route)
 * and the auth guard both need to know the caller, and a signature is checked only once.
 */
export function verifiedBearer(req: FastifyRequest, verify: TokenVerifier): Promise<Verified> {
  const r = req as WithCheck;
  return (r[CHECKED] ??= (async () => {
    const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new InvalidToken('send a bearer token in the Authorization header');
    return verify(match[1]);
  })());
}
