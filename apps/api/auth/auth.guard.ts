import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { TokenVerifier } from './token-verifier';
import { verifiedBearer } from './bearer';
import type { Principal } from './principal';
import type { VerifiedIdentity } from '../../../domain/access';
import { TOKEN_VERIFIER } from '../tokens';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal; tokenExpiresAt?: number; identity?: VerifiedIdentity };

/** Authenticates the bearer token; what the caller may do is decided per route and per case. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(@Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { principal, expiresAt, identity } = await verifiedBearer(req, this.verify);
    req.principal = principal;
    req.tokenExpiresAt = expiresAt;
    req.identity = identity;
    return true;
  }
}

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);

/** When the caller's token expires (epoch ms). */
export const TokenExpiry = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): number => ctx.switchToHttp().getRequest<AuthenticatedRequest>().tokenExpiresAt!,
);

/** The caller's verified identity (applicants), or an empty one. */
export const CallerIdentity = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): VerifiedIdentity => ctx.switchToHttp().getRequest<AuthenticatedRequest>().identity ?? {},
);
