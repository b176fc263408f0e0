import { ROLES, type Actor, type Role } from '../../../domain';

/** The caller, as the API knows them from their token. */
export type Principal = Actor;

export const isRole = (r: unknown): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r);
