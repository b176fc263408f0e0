import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ProblemError } from '../problem/problem';

type Part = 'body' | 'query' | 'path';

/**
 * Validates one part of a request with a zod schema of the domain or the API, and hands the handler the
 * parsed value. Our own (a dozen lines) rather than nestjs-zod's: a 400 must be api.md's problem+json with
 * an `errors` list of path and message, and nestjs-zod's document generator needs @nestjs/swagger.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    readonly schema: S,
    private readonly part: Part,
  ) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value ?? (this.part === 'body' ? undefined : {}));
    if (parsed.success) return parsed.data;
    throw new ProblemError(400, `the request ${this.part} is not valid`, {
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || `(${this.part})`, message: i.message })),
    });
  }
}

/** `@Body(valid(schema))`, `@Query(valid(schema, 'query'))`, `@Param('office', valid(schema, 'path'))`. */
export const valid = <S extends z.ZodType>(schema: S, part: Part = 'body') => new ZodValidationPipe(schema, part);
