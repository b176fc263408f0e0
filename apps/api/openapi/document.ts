import { z } from 'zod';
import { actionsOf, CASE_TYPES, caseTypes, openCaseSchema } from '../../../domain';
import { listQuerySchema } from '../cases/list-query';

type Json = Record<string, unknown>;

const schema = (s: z.ZodType): Json => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: Json) => ({ 'application/json': { schema: s } });
const problemOf = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

const ERRORS: Record<number, string> = {
  400: 'malformed JSON, unknown fields or wrong types',
  401: 'no token, bad signature, or expired',
  403: 'the role or office may not do this to this case',
  404: 'no such case (or one the caller may not know of)',
  409: "not allowed in the case's current state",
  413: 'body over 64 KiB',
  415: 'a body that is not application/json',
  422: 'well-formed but breaks a domain rule, or an Idempotency-Key reused with another body',
};
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), problemOf(ERRORS[c])]));

const counts = { type: 'object', additionalProperties: { type: 'integer' } };

const caseIdParam = { name: 'caseId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 128 } };
const bearer = [{ bearer: [] }];

/** Action names and their body schemas, across every case type (an action whose body differs by type is listed per variant). */
function actionBodies(): { names: string[]; bodies: Json[] } {
  const variants = new Map<string, { name: string; types: string[]; body: Json }>();
  for (const module of Object.values(caseTypes)) {
    for (const [name, def] of actionsOf(module!)) {
      const body = schema(def.payload);
      const key = `${name}\n${JSON.stringify(body)}`;
      const variant = variants.get(key) ?? { name, types: [], body };
      variant.types.push(module!.type);
      variants.set(key, variant);
    }
  }
  const all = [...variants.values()];
  const bodies = all.map((v) => {
    const ambiguous = all.filter((o) => o.name === v.name).length > 1;
    return { title: ambiguous ? `${v.name} (${v.types.join(', ')})` : v.name, ...v.body };
  });
  return { names: [...new Set(all.map((v) => v.name))].sort(), bodies };
}

/** The OpenAPI 3.1 document at /docs-json, built from the same zod schemas that validate requests. */
export function openApiDocument(): Json {
  const actions = actionBodies();
  const listParams = Object.entries((schema(listQuerySchema).properties ?? {}) as Record<string, Json>).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    schema: s,
  }));
  return {
    openapi: '3.1.0',
    info: { title: 'casework API', version: '0.1.0', description: 'Public-security administrative cases: open, act, audit, watch the clocks.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' } },
        },
        OpenCase: schema(openCaseSchema),
        CaseView: {
          type: 'object',
          required: ['caseId', 'type', 'status', 'step', 'version', 'allowedActions'],
          properties: {
            caseId: { type: 'string' }, type: { type: 'string' }, status: { type: 'string' }, step: { type: 'string' },
            channel: { type: 'string' }, crossProvince: { type: 'boolean' }, receivingOffice: { type: 'string' }, handlingOffice: { type: 'string' },
            applicant: { type: 'object' }, assignee: { type: ['string', 'null'] }, version: { type: 'integer' },
            openedAt: { type: 'string' }, closedAt: { type: ['string', 'null'] },
            sla: { type: 'array', items: { type: 'object' } }, documents: { type: 'array', items: { type: 'object' } },
            allowedActions: { type: 'array', items: { type: 'string' } },
          },
        },
        // anyOf, not oneOf: several actions share a body shape (accept, approve and resume-clock all take {}).
        ActionBody: { description: 'the body of the action named in the path', anyOf: actions.bodies },
        History: {
          type: 'object',
          required: ['caseId', 'events'],
          properties: {
            caseId: { type: 'string' },
            events: {
              type: 'array',
              items: {
                type: 'object',
                required: ['position', 'version', 'type', 'data', 'metadata', 'recordedAt', 'hash', 'prevHash'],
                properties: {
                  position: { type: 'integer' }, version: { type: 'integer' }, type: { type: 'string' }, data: { type: 'object' },
                  metadata: {
                    type: 'object',
                    required: ['actor', 'role', 'office', 'at', 'commandId', 'correlationId'],
                    properties: { actor: { type: 'string' }, role: { type: 'string' }, office: { type: 'string' }, at: { type: 'string' }, commandId: { type: 'string' }, correlationId: { type: 'string' } },
                  },
                  recordedAt: { type: 'string' }, hash: { type: 'string' }, prevHash: { type: 'string' },
                },
              },
            },
            rejections: {
              type: 'array',
              description: 'actions the domain refused (403/409/422), kept outside the case stream',
              items: { type: 'object', properties: { action: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, metadata: { type: 'object' } } },
            },
          },
        },
        Queue: { type: 'object', required: ['office', 'items'], properties: { office: { type: 'string' }, items: { type: 'array', items: ref('CaseView') } } },
        SlaBoard: {
          type: 'object',
          required: ['items', 'totals'],
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object',
                required: ['caseId', 'type', 'office', 'clock', 'deadline', 'state', 'escalation'],
                properties: {
                  caseId: { type: 'string' }, type: { type: 'string' }, office: { type: 'string' }, applicant: { type: 'string', description: 'masked name' },
                  clock: { type: 'string' }, deadline: { type: 'string' }, remainingWorkingDays: { type: 'number' },
                  state: { type: 'string', enum: ['on-track', 'at-risk', 'breached', 'paused'] }, escalation: { type: 'integer' },
                },
              },
            },
            totals: counts,
          },
        },
        Stats: {
          type: 'object',
          required: ['total', 'byType', 'byChannel', 'byStatus', 'byCrossProvince'],
          properties: { total: { type: 'integer' }, byType: counts, byChannel: counts, byStatus: counts, byCrossProvince: counts },
        },
        Rebuild: { type: 'object', required: ['projection', 'status'], properties: { projection: { type: 'string' }, status: { type: 'string' }, requestedBy: { type: 'string' } } },
      },
    },
    security: bearer,
    paths: {
      '/cases': {
        post: {
          summary: 'Open a case (caseworker: window/cross-province; applicant: online)',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: json(ref('OpenCase')) },
          responses: {
            '201': { description: 'the case view', headers: { Location: { description: '/cases/{caseId}', schema: { type: 'string' } } }, content: json(ref('CaseView')) },
            ...errors(400, 401, 403, 413, 415, 422),
          },
        },
        get: {
          summary: "List cases in the caller's scope",
          parameters: listParams,
          responses: { '200': { description: 'a page', content: json({ type: 'object', properties: { items: { type: 'array', items: ref('CaseView') }, nextCursor: { type: ['string', 'null'] } } }) }, ...errors(400, 401, 403) },
        },
      },
      '/cases/{caseId}': {
        get: { summary: 'One case', parameters: [caseIdParam], responses: { '200': { description: 'the case view', content: json(ref('CaseView')) }, ...errors(401, 403, 404) } },
      },
      '/cases/{caseId}/actions/{action}': {
        post: {
          summary: 'Apply an action',
          parameters: [caseIdParam, { name: 'action', in: 'path', required: true, schema: { type: 'string', enum: actions.names } }, idempotencyKey],
          requestBody: { required: false, content: json(ref('ActionBody')) },
          responses: { '200': { description: 'the case view after the action', content: json(ref('CaseView')) }, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      '/cases/{caseId}/history': {
        get: { summary: 'The events of a case in version order', parameters: [caseIdParam], responses: { '200': { description: 'history', content: json(ref('History')) }, ...errors(401, 403, 404) } },
      },
      '/cases/{caseId}/state': {
        get: {
          summary: 'The case as it was after version N or at an instant, replayed from events',
          parameters: [caseIdParam, { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 } }, { name: 'at', in: 'query', schema: { type: 'string', format: 'date-time' } }],
          responses: { '200': { description: 'the case view then', content: json(ref('CaseView')) }, ...errors(400, 401, 403, 404) },
        },
      },
      '/cases/{caseId}/integrity': {
        get: {
          summary: 'Hash chain recomputed and cross-checked with the workflow',
          parameters: [caseIdParam],
          responses: { '200': { description: 'result', content: json({ type: 'object', required: ['ok', 'checkedEvents'], properties: { ok: { type: 'boolean' }, checkedEvents: { type: 'integer' }, firstBrokenVersion: { type: 'integer' } } }) }, ...errors(401, 403, 404) },
        },
      },
      '/queues/{office}': {
        get: {
          summary: 'Cases waiting for an office to act, most urgent first',
          parameters: [{ name: 'office', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{6}$' } }],
          responses: { '200': { description: 'the queue', content: json(ref('Queue')) }, ...errors(400, 401, 403) },
        },
      },
      '/sla/board': {
        get: {
          summary: 'Every running clock with its state, and totals',
          parameters: [
            { name: 'office', in: 'query', schema: { type: 'string', pattern: '^\\d{6}$' } },
            { name: 'type', in: 'query', schema: { type: 'string', enum: [...CASE_TYPES] } },
          ],
          responses: { '200': { description: 'the board', content: json(ref('SlaBoard')) }, ...errors(400, 401, 403) },
        },
      },
      '/sla/alerts': {
        get: {
          summary: 'Server-Sent Events: one message per SLA event',
          parameters: [{ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } }],
          responses: { '200': { description: 'event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(400, 401, 403) } },
      },
      '/stats': {
        get: { summary: 'Counts by type, channel, status and cross-province', responses: { '200': { description: 'counts', content: json(ref('Stats')) }, ...errors(401, 403) } },
      },
      '/admin/projections/{name}/rebuild': {
        post: {
          summary: 'Rebuild one read model from the event log',
          parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', enum: ['cases', 'queues', 'sla', 'stats'] } }, idempotencyKey],
          requestBody: { required: false, content: json({ type: 'object', additionalProperties: false }) },
          responses: { '202': { description: 'rebuild started', content: json(ref('Rebuild')) }, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      '/health': {
        get: { security: [], summary: 'Readiness', responses: { '200': { description: 'ready', content: json({ type: 'object' }) }, '503': problemOf('a dependency is unreachable') } },
      },
      '/metrics': {
        get: { security: [], summary: 'Prometheus metrics', responses: { '200': { description: 'text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } } },
      },
      '/docs': {
        get: { security: [], summary: 'This document in Swagger UI', responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } } } },
      },
      '/docs-json': {
        get: { security: [], summary: 'This OpenAPI document', responses: { '200': { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } } },
      },
    },
  };
}
