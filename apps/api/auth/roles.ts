import type { Role } from '../../../domain';
import { ProblemError } from '../problem/problem';
import type { Principal } from './principal';

export function requireRole(principal: Principal, roles: Role[], what: string): void {
  if (!roles.includes(principal.role)) throw new ProblemError(403, `role ${principal.role} may not ${what}`);
}
