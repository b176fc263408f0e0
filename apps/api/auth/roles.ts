import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { accessPolicy, type Permission } from '../../../domain/access';
import { ProblemError } from '../problem/problem';
import type { AuthenticatedRequest } from './auth.guard';

const PERMISSION = 'casework:permission';

/** What a route lets its caller do; the access policy says which roles may (see PERMISSIONS). */
export const Requires = (permission: Permission) => SetMetadata(PERMISSION, permission);

/** Refuses (403) a caller whose role may never use the route, before any case or office is looked at. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const permission = this.reflector.get<Permission | undefined>(PERMISSION, context.getHandler());
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    // Deny by default: a guarded route that names no permission is a mistake, not an open door.
    if (!permission || !principal) throw new ProblemError(403, 'this route is not open to any role');
    if (!accessPolicy.permits(principal, permission)) throw new ProblemError(403, accessPolicy.refusal(principal, permission));
    return true;
  }
}
