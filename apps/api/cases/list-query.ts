import { z } from 'zod';
import { CASE_TYPES, officeCode } from '../../../domain';
import { ProblemError } from '../problem/problem';
import { UUID } from './case-reader';

const STATUSES = ['submitted', 'awaiting-materials', 'accepted', 'approved', 'completed', 'not-accepted', 'refused', 'withdrawn'] as const;

export const listQuerySchema = z
  .object({
    type: z.enum(CASE_TYPES).optional(),
    status: z.enum(STATUSES).optional(),
    office: officeCode.optional(),
    sla: z.enum(['on-track', 'at-risk', 'breached', 'paused', 'none']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).refine(isCursor, 'not a cursor this API handed out').optional(),
  })
  .strict();

/** A page cursor is base64url of `<ISO instant>|<case id>`; anything else would reach SQL as a bad timestamp. */
function isCursor(cursor: string): boolean {
  const [at, caseId, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  const instant = new Date(at ?? '');
  // As the list hands it out: toISOString of a year 1-9999 instant (extended years do not fit a timestamptz).
  return rest.length === 0 && UUID.test(caseId ?? '') && /^(?!0000)\d{4}-/.test(at ?? '') && !Number.isNaN(instant.getTime()) && instant.toISOString() === at;
}

export type ListQuery = z.infer<typeof listQuerySchema>;

export function parseListQuery(query: unknown): ListQuery {
  const parsed = listQuerySchema.safeParse(query ?? {});
  if (!parsed.success) {
    throw new ProblemError(400, 'the query is not valid', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message })),
    });
  }
  return parsed.data;
}

