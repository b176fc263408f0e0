import 'reflect-metadata';
import { Controller, Get } from '@nestjs/common';
import { AdminController } from '../../apps/api/admin/admin.controller';
import { CasesController } from '../../apps/api/cases/cases.controller';
import { HealthController } from '../../apps/api/health/health.controller';
import { ObservabilityController } from '../../apps/api/observability/observability.controller';
import { openApiDocument } from '../../apps/api/openapi/document';
import { QueuesController } from '../../apps/api/read-models/queues.controller';
import { SlaController } from '../../apps/api/read-models/sla.controller';
import { StatsController } from '../../apps/api/read-models/stats.controller';
import { importEsm } from '../support/import-esm';

/**
 * The OpenAPI document as generated from the controllers' routes and the zod schemas, without a server:
 * valid OpenAPI 3.1, and a route nobody described makes generation fail instead of vanishing from it.
 * (openapi.test.ts checks the served document against api.md's routes and real answers.)
 */

const CONTROLLERS = [CasesController, QueuesController, SlaController, StatsController, AdminController, HealthController, ObservabilityController];

describe('OpenAPI document generation', () => {
  it('is valid OpenAPI 3.1 and describes every route the controllers declare', async () => {
    const doc = openApiDocument(CONTROLLERS);
    const { Validator } = await importEsm<typeof import('@seriousme/openapi-schema-validator')>('@seriousme/openapi-schema-validator');
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    const routes = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'POST /cases',
        'GET /cases',
        'GET /cases/{caseId}',
        'POST /cases/{caseId}/actions/{action}',
        'GET /cases/{caseId}/history',
        'GET /cases/{caseId}/state',
        'GET /cases/{caseId}/integrity',
        'GET /cases/{caseId}/access-log',
        'POST /cases/lookup',
        'GET /queues/{office}',
        'GET /sla/board',
        'GET /sla/alerts',
        'GET /stats',
        'POST /admin/projections/{name}/rebuild',
        'GET /health',
        'GET /health/live',
        'GET /metrics',
        'GET /docs',
        'GET /docs-json',
      ].sort(),
    );
  });

  it('takes each success status from the route and each query parameter from its zod schema', () => {
    const doc = openApiDocument(CONTROLLERS);
    expect(Object.keys(doc.paths['/admin/projections/{name}/rebuild'].post.responses)).toContain('202');
    expect(Object.keys(doc.paths['/cases'].post.responses)).toContain('201');
    const list = doc.paths['/cases'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(list).toEqual([
      'query:type',
      'query:status',
      'query:office',
      'query:sla',
      'query:crossProvince',
      'query:limit',
      'query:cursor',
      'query:receipt',
      'query:document',
      'query:idNumber',
      'query:passportNo',
    ]);
    expect(doc.paths['/cases/{caseId}/state'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['caseId', 'version', 'at']);
    const queue = doc.paths['/queues/{office}'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(queue).toEqual(['path:office', 'query:crossProvince']);
  });

  it('refuses to describe an API with an undocumented route', () => {
    @Controller('forgotten')
    class ForgottenController {
      @Get()
      forgotten() {
        return {};
      }
    }
    expect(() => openApiDocument([...CONTROLLERS, ForgottenController])).toThrow(/ForgottenController.forgotten has no @Documented/);
  });
});
