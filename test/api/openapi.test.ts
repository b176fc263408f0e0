import { importEsm } from '../support/import-esm';
import { startTestSystem, type TestSystem } from '../support/system';
import { openSettled, OWN, portVisaBody, raw } from './support/fixtures';

/**
 * The OpenAPI document at /docs-json: valid OpenAPI 3.1 (checked by @seriousme/openapi-schema-validator),
 * describing every route of api.md with its success and error statuses; and /docs serving Swagger UI.
 */

/** api.md's route table: method, path (OpenAPI template), success status, error statuses api.md implies for it. */
const API_MD_ROUTES: [string, string, number, number[]][] = [
  ['post', '/cases', 201, [400, 401, 403, 413, 422]],
  ['get', '/cases/{caseId}', 200, [401, 403, 404]],
  ['post', '/cases/{caseId}/actions/{action}', 200, [400, 401, 403, 404, 409, 413, 422]],
  ['get', '/cases', 200, [400, 401, 403]],
  ['get', '/cases/{caseId}/history', 200, [401, 403, 404]],
  ['get', '/cases/{caseId}/state', 200, [400, 401, 403, 404]],
  ['get', '/cases/{caseId}/integrity', 200, [401, 403, 404]],
  ['get', '/queues/{office}', 200, [400, 401, 403]],
  ['get', '/sla/board', 200, [400, 401, 403]],
  ['get', '/sla/alerts', 200, [400, 401, 403]],
  ['get', '/stats', 200, [401, 403]],
  ['post', '/admin/projections/{name}/rebuild', 202, [400, 401, 403, 404, 409, 413, 422]],
  ['get', '/health', 200, [503]],
  ['get', '/health/live', 200, []],
  ['get', '/metrics', 200, []],
  ['get', '/docs', 200, []],
  ['get', '/docs-json', 200, []],
  ['get', '/console', 200, [503]],
  ['get', '/console/config', 200, []],
  ['post', '/console/dev-token', 201, [400, 404]],
];
const PUBLIC = new Set(['/health', '/health/live', '/metrics', '/docs', '/docs-json', '/console', '/console/config', '/console/dev-token']);

/** Every action api.md names (shared and per type). */
const API_MD_ACTIONS = [
  'request-materials',
  'supplement',
  'accept',
  'refuse-acceptance',
  'assign',
  'pause-clock',
  'resume-clock',
  'extend-deadline',
  'recheck-records',
  'approve',
  'refuse',
  'withdraw',
  'confirm-move-out',
  'register-settlement',
  'capture-biometrics',
  'sign-off',
  'issue-temporary-id',
  'hand-over',
];

/** The validator is ESM only; jest runs this file as CommonJS, so it is loaded through a native dynamic import. */

describe('OpenAPI document and Swagger UI', () => {
  let sys: TestSystem;
  let doc: any;
  beforeAll(async () => {
    sys = await startTestSystem('postgres');
    const r = await raw(sys, 'GET', '/docs-json');
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^application\/json/);
    doc = r.body;
  }, 120_000);
  afterAll(() => sys?.stop());

  it('is a valid OpenAPI 3.1 document according to a real OpenAPI validator', async () => {
    const { Validator } = await importEsm<typeof import('@seriousme/openapi-schema-validator')>('@seriousme/openapi-schema-validator');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // References resolve (resolveRefs throws on a dangling $ref).
    expect(() => validator.resolveRefs()).not.toThrow();
    // And the validator is really looking: a response without a description is refused.
    const broken = structuredClone(doc);
    delete broken.paths['/cases'].post.responses['201'].description;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('describes every route of api.md with its success status and every error status as problem+json', () => {
    const missing: string[] = [];
    for (const [method, path, success, errors] of API_MD_ROUTES) {
      const op = doc.paths?.[path]?.[method];
      if (!op) {
        missing.push(`${method.toUpperCase()} ${path}: not described`);
        continue;
      }
      if (!op.responses?.[String(success)]) missing.push(`${method.toUpperCase()} ${path}: no ${success}`);
      const protectedRoute = !PUBLIC.has(path);
      for (const status of [...errors, ...(protectedRoute ? [401] : [])]) {
        const response = op.responses?.[String(status)];
        const schema = response?.content?.['application/problem+json']?.schema;
        if (!schema) missing.push(`${method.toUpperCase()} ${path}: no problem+json ${status}`);
        else if (schema.$ref !== '#/components/schemas/Problem') missing.push(`${method.toUpperCase()} ${path}: ${status} is not a Problem`);
      }
      // Public routes opt out of the bearer requirement; the others inherit it.
      const security = op.security ?? doc.security;
      if (protectedRoute !== (Array.isArray(security) && security.some((s: object) => 'bearer' in s)))
        missing.push(`${method.toUpperCase()} ${path}: wrong security`);
      // Minting a development token changes nothing, so it needs no Idempotency-Key.
      if (method === 'post' && path !== '/console/dev-token' && !op.parameters?.some((p: any) => p.in === 'header' && p.name === 'Idempotency-Key')) {
        missing.push(`POST ${path}: Idempotency-Key not described`);
      }
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        if (!op.parameters?.some((p: any) => p.in === 'path' && `{${p.name}}` === name && p.required))
          missing.push(`${method.toUpperCase()} ${path}: no path parameter ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes the error body, the opening body (unknown fields rejected) and every action with its body', () => {
    const schemas = doc.components.schemas;
    expect(schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });

    const open = doc.paths['/cases'].post.requestBody.content['application/json'].schema;
    expect(open.$ref).toBe('#/components/schemas/OpenCase');
    expect(schemas.OpenCase.additionalProperties).toBe(false);
    expect(schemas.OpenCase.properties.type.enum).toEqual(expect.arrayContaining(['hukou-migration', 'first-id-card', 'port-visa', 'multi-entry-visa']));
    expect(schemas.OpenCase.properties.applicant.additionalProperties).toBe(false);
    expect(schemas.OpenCase.required).toEqual(expect.arrayContaining(['type', 'channel', 'receivingOffice', 'applicant', 'details']));

    const action = doc.paths['/cases/{caseId}/actions/{action}'].post;
    const names = action.parameters.find((p: any) => p.name === 'action').schema.enum;
    expect(names).toEqual(expect.arrayContaining(API_MD_ACTIONS));
    const bodies: any[] = schemas.ActionBody.anyOf ?? schemas.ActionBody.oneOf;
    const titled = new Set(bodies.map((b) => String(b.title).split(' ')[0]));
    expect([...titled].sort()).toEqual([...names].sort());
    // A body is a closed object, or a choice of closed objects (record-return: returned, or not with a reason).
    for (const body of bodies) {
      for (const shape of body.oneOf ?? [body]) expect(shape).toMatchObject({ type: 'object', additionalProperties: false });
    }

    const untyped = Object.entries<any>(schemas).filter(([name, schema]) => name !== 'ActionBody' && (schema.type ?? schema.$ref) === undefined);
    expect(untyped.map(([name]) => name)).toEqual([]);
    expect(schemas.CaseView.required).toEqual(expect.arrayContaining(['caseId', 'type', 'status', 'version', 'allowedActions']));
    expect(schemas.History.properties.events.items.properties.metadata.required).toEqual(
      expect.arrayContaining(['actor', 'role', 'office', 'at', 'commandId', 'correlationId']),
    );
  });

  it('documents only routes that exist, and real answers carry the documented fields', async () => {
    const supervisor = await sys.token('supervisor', OWN);
    const caseworker = await sys.token('caseworker', OWN);
    const caseId = await openSettled(sys, caseworker, portVisaBody());
    const sample: Record<string, string> = { caseId, action: 'accept', office: OWN, name: 'stats', number: 'SL-440106-20261201-ABCDEF12' };
    const unserved: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of Object.keys(item)) {
        const url =
          path.replace(/\{(\w+)\}/g, (_, p) => sample[p]) + (path.endsWith('/state') ? '?version=1' : path.startsWith('/verify/') ? '?code=AAAAAAAAAA' : '');
        if (path === '/console/dev-token') {
          // Public: an empty body is refused by its schema (400), which proves the route exists.
          const r = await raw(sys, 'POST', url, { body: '{}' });
          if (r.status !== 400) unserved.push(`POST ${url} → ${r.status}`);
          continue;
        }
        if (path === '/sla/alerts' || path.startsWith('/admin') || method === 'post') {
          // Not called for real here (stream, side effects): a wrong token still proves the route exists (401, not 404).
          const r = await raw(sys, method.toUpperCase(), url, { token: 'not-a-token', body: method === 'post' ? '{}' : undefined });
          if (r.status !== 401) unserved.push(`${method.toUpperCase()} ${url} → ${r.status}`);
          continue;
        }
        const r = await raw(sys, 'GET', url, { token: supervisor });
        if (r.status !== 200) unserved.push(`GET ${url} → ${r.status}`);
        const documented = item.get.responses['200'].content;
        if (documented && !Object.keys(documented).some((type) => r.contentType.startsWith(type))) unserved.push(`GET ${url}: ${r.contentType}`);
      }
    }
    expect(unserved).toEqual([]);

    const view = (await raw(sys, 'GET', `/cases/${caseId}`, { token: supervisor })).body;
    for (const field of doc.components.schemas.CaseView.required) expect(view).toHaveProperty(field);
    const history = (await raw(sys, 'GET', `/cases/${caseId}/history`, { token: supervisor })).body;
    for (const field of doc.components.schemas.History.properties.events.items.required) expect(history.events[0]).toHaveProperty(field);
  });

  it('serves Swagger UI at /docs, and every asset the page loads', async () => {
    const page = await raw(sys, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    // No inline script: the Content-Security-Policy runs only scripts the page loads from the API itself.
    expect(page.body).not.toMatch(/<script>/);
    const assets = [...String(page.body).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-init.js']));
    const init = await (await fetch(sys.url + '/docs/swagger-init.js')).text();
    expect(init).toMatch(/SwaggerUIBundle\(\{[^}]*url: '\/docs-json'/);
    for (const asset of assets.filter((a) => a !== '/docs/swagger-init.js')) {
      const r = await fetch(sys.url + asset);
      const text = await r.text();
      expect({ asset, status: r.status }).toEqual({ asset, status: 200 });
      expect(r.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /^text\/css/ : /javascript/);
      expect(text.length).toBeGreaterThan(10_000);
    }
    const bundle = await (await fetch(sys.url + '/docs/swagger-ui-bundle.js')).text();
    expect(bundle).toContain('SwaggerUIBundle');
  });
});
