import { HttpStatus, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { mergeMap, of, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { checkKey, IdempotencyStore, requestHash } from './idempotency';

export const IDEMPOTENT = 'casework:idempotent';

export interface IdempotentOptions {
  /** Restores on a replay what the stored body does not carry (a Location header). */
  replayed?: (body: unknown, reply: FastifyReply) => void;
  /**
   * The route's own access check, made again before a stored answer is handed out (the caller's office,
   * role or the case may have changed since): throws as the route would, or returns the answer as this
   * caller may now see it. Routes whose guards are their whole access check need none.
   */
  recheck?: (body: unknown, caller: Principal, services: ModuleRef) => Promise<unknown>;
}

/** Marks a POST as honouring Idempotency-Key (the route also needs `@UseInterceptors(IdempotencyInterceptor)`). */
export const Idempotent = (options: IdempotentOptions = {}) => SetMetadata(IDEMPOTENT, options);

/**
 * Idempotency-Key semantics of api.md for any POST: without a key the route runs; with one, the first
 * answer is stored and every retry with the same body gets it again (status and body), another body is 422.
 * Keys belong to the caller (the token's subject). Only answers are stored: a refused request stores nothing.
 * A replay is authorized as the request itself would be now, and stored answers expire (IdempotencyStore).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
    private readonly services: ModuleRef,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const key = checkKey(headerOf(req.headers['idempotency-key']));
    if (key === undefined) return next.handle();
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler()) ?? {};
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const subject = req.principal!.id;
    // The concrete route (template with its parameters) and the body: an absent body is the empty object.
    const route = `${req.method} ${(req.routeOptions.url ?? req.url).replace(/:(\w+)/g, (_, name: string) => String((req.params as Record<string, unknown>)[name]))}`;
    const hash = requestHash(route, req.body ?? {});
    const earlier = await this.store.find(subject, key, hash);
    if (earlier) {
      // Authorization is not part of what is replayed: the route's guards have run, its own check runs now.
      const body = options.recheck ? await options.recheck(earlier.body, req.principal!, this.services) : earlier.body;
      void reply.status(earlier.status);
      options.replayed?.(body, reply);
      return of(body);
    }
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.store.remember(subject, key, hash, { status, body });
        return body;
      }),
    );
  }
}

/** A header sent twice arrives as an array: that is not a key this API handed anyone. */
const headerOf = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(',') : value);
