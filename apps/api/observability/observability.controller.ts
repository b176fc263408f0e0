import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, Inject, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { z } from 'zod';
import { openApiDocument } from '../openapi/document';
import { Documented, Undocumented } from '../openapi/documented';
import { METRICS } from '../tokens';
import type { Metrics } from './metrics';

const SWAGGER_UI = `<!doctype html><html><head><meta charset="utf-8"><title>casework API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-init.js"></script></body></html>`;

/** In a file of its own, not inline: the Content-Security-Policy lets the page run only scripts it loads from here. */
const SWAGGER_INIT = `SwaggerUIBundle({ url: '/docs-json', dom_id: '#ui' });\n`;

/** The two Swagger UI files the /docs page loads, from the swagger-ui-dist package. */
// swagger-ui-dist ships no types; its one function names the folder of its files.
const asset = (file: string) => readFileSync(join(dirname(require.resolve('swagger-ui-dist/package.json')), file));

/** Metrics for Prometheus, and the API's own description. */
@Controller()
export class ObservabilityController implements OnModuleInit {
  private document: object = {};
  private readonly css = asset('swagger-ui.css');
  private readonly bundle = asset('swagger-ui-bundle.js');

  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly discovery: DiscoveryService,
  ) {}

  /** Every module's controllers are known by now: the document describes all of their routes. */
  onModuleInit(): void {
    this.document = openApiDocument(this.discovery.getControllers().flatMap((c) => (c.metatype ? [c.metatype as never] : [])));
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Documented({ summary: 'Prometheus metrics', public: true, response: { description: 'text exposition format', media: 'text/plain' }, errors: [] })
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  @Get('docs-json')
  @Documented({
    summary: 'This OpenAPI document',
    public: true,
    response: { description: 'OpenAPI 3.1', schema: z.looseObject({ openapi: z.string() }) },
    errors: [],
  })
  docsJson() {
    return this.document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  @Documented({ summary: 'This document in Swagger UI', public: true, response: { description: 'HTML page', media: 'text/html' }, errors: [] })
  docs(): string {
    return SWAGGER_UI;
  }

  @Get('docs/swagger-ui.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Undocumented()
  swaggerCss(): Buffer {
    return this.css;
  }

  @Get('docs/swagger-ui-bundle.js')
  @Header('content-type', 'application/javascript; charset=utf-8')
  @Undocumented()
  swaggerBundle(): Buffer {
    return this.bundle;
  }

  @Get('docs/swagger-init.js')
  @Header('content-type', 'application/javascript; charset=utf-8')
  @Undocumented()
  swaggerInit(): string {
    return SWAGGER_INIT;
  }
}
