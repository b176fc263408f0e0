import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const ROUTE_DOC = 'casework:route-doc';

/** What the OpenAPI document says of one route; its path, method and success status come from Nest's own metadata. */
export interface RouteDoc {
  summary: string;
  /** Path parameters (all required). */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Header parameters besides Idempotency-Key (which every idempotent POST gets). */
  headers?: { name: string; description: string }[];
  body?: z.ZodType;
  /** The body may be left out (an action that takes none). */
  optionalBody?: boolean;
  /** The success answer: a schema (JSON), or other media types with a string body. */
  response: { description: string; schema?: z.ZodType; media?: string; headers?: Record<string, { description: string }> };
  /** Problem statuses besides 401, which every route behind the bearer guard gets. */
  errors: number[];
  /** Open to anyone: no bearer token. */
  public?: boolean;
}

/** Describes a route in the OpenAPI document; a route with neither this nor `@Undocumented()` fails the document. */
export const Documented = (doc: RouteDoc) => SetMetadata(ROUTE_DOC, doc);

/** Routes that are not part of the API (the Swagger UI page's own assets). */
export const Undocumented = () => SetMetadata(ROUTE_DOC, 'undocumented');
