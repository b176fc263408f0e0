import { RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { z } from 'zod';
import { IDEMPOTENT } from '../idempotency/idempotency.interceptor';
import { components } from '../schemas';
import { ROUTE_DOC, type RouteDoc } from './documented';

// The document is free-form JSON assembled field by field; its validity is checked by an OpenAPI validator in the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = Record<string, any>;

const ERRORS: Record<number, string> = {
  400: 'malformed JSON, unknown fields or wrong types',
  401: 'no token, bad signature, or expired',
  403: 'the role or office may not do this to this case',
  404: 'no such case (or one the caller may not know of)',
  409: "not allowed in the case's current state",
  413: 'body over 64 KiB',
  415: 'a body that is not application/json',
  422: 'well-formed but breaks a domain rule, or an Idempotency-Key reused with another body',
  429: 'too many requests from this caller: retry after Retry-After seconds',
  503: 'a dependency is unreachable',
};

const REF = (id: string) => `#/components/schemas/${id}`;
const OPTIONS = { io: 'input', unrepresentable: 'any' } as const;

/** A schema as JSON Schema: a `$ref` when it is a registered component, inline otherwise. */
function jsonSchema(schema: z.ZodType): Json {
  const id = components.get(schema)?.id;
  if (id) return { $ref: REF(id) };
  const { $schema: _, ...rest } = z.toJSONSchema(schema, OPTIONS) as Json;
  return rest;
}

function componentSchemas(): Json {
  const { schemas } = z.toJSONSchema(components, { ...OPTIONS, uri: REF }) as { schemas: Record<string, Json> };
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...rest }]) => [id, rest]));
}

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

/** `/cases/:caseId/history` → `/cases/{caseId}/history`. */
const openApiPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s))
    .join('/');

function operation(doc: RouteDoc, method: string, status: number, idempotent: boolean): Json {
  const parameters: Json[] = [
    ...Object.entries(doc.params?.shape ?? {}).map(([name, s]) => ({ name, in: 'path', required: true, schema: jsonSchema(s as z.ZodType) })),
    ...Object.entries(doc.query?.shape ?? {}).map(([name, s]) => ({ name, in: 'query', required: false, schema: jsonSchema(s as z.ZodType) })),
    ...(doc.headers ?? []).map(({ name, description }) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } })),
    ...(idempotent ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 128 } }] : []),
  ];
  const errors = new Set([...doc.errors, ...(doc.public ? [] : [401]), ...(idempotent ? [422] : []), ...(doc.body ? [413, 415] : [])]);
  const { response } = doc;
  const content = response.schema
    ? { 'application/json': { schema: jsonSchema(response.schema) } }
    : { [response.media ?? 'text/plain']: { schema: { type: 'string' } } };
  return {
    summary: doc.summary,
    ...(doc.public ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body ? { requestBody: { required: !doc.optionalBody, content: { 'application/json': { schema: jsonSchema(doc.body) } } } } : {}),
    responses: {
      [String(status)]: { description: response.description, ...(response.headers ? { headers: mapHeaders(response.headers) } : {}), content },
      ...Object.fromEntries(
        [...errors]
          .sort((a, b) => a - b)
          .map((code) => [String(code), { description: ERRORS[code], content: { 'application/problem+json': { schema: { $ref: REF('Problem') } } } }]),
      ),
    },
  };
}

const mapHeaders = (headers: Record<string, { description: string }>) =>
  Object.fromEntries(Object.entries(headers).map(([name, { description }]) => [name, { description, schema: { type: 'string' } }]));

/**
 * The OpenAPI 3.1 document at /docs-json, generated from the controllers' routes (`@Documented`) and the
 * zod schemas that validate requests. A route that is neither documented nor marked undocumented is an error.
 */
export function openApiDocument(controllers: Type[]): Json {
  const paths: Record<string, Json> = {};
  for (const controller of controllers) {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name] as object;
      const route = typeof handler === 'function' ? (Reflect.getMetadata(PATH_METADATA, handler) as string | undefined) : undefined;
      if (route === undefined || name === 'constructor') continue;
      const doc = Reflect.getMetadata(ROUTE_DOC, handler) as RouteDoc | 'undocumented' | undefined;
      if (doc === 'undocumented') continue;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const method = METHODS[requestMethod];
      if (!doc || !method) throw new Error(`${controller.name}.${name} has no @Documented description`);
      const status = (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === 'post' ? 201 : 200);
      const idempotent = Reflect.getMetadata(IDEMPOTENT, handler) !== undefined;
      (paths[openApiPath(base, route)] ??= {})[method] = operation(doc, method, status, idempotent);
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'casework API', version: '0.1.0', description: 'Public-security administrative cases: open, act, audit, watch the clocks.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: componentSchemas(),
    },
    security: [{ bearer: [] }],
    paths,
  };
}
