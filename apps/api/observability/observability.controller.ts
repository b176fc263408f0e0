import { Controller, Get, Header, Inject } from '@nestjs/common';
import { METRICS } from '../tokens';
import type { Metrics } from './metrics';
import { openApiDocument } from '../openapi/document';

const SWAGGER_UI = `<!doctype html><html><head><meta charset="utf-8"><title>casework API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/docs-json', dom_id: '#ui' });</script></body></html>`;

/** Metrics for Prometheus, and the API's own description. */
@Controller()
export class ObservabilityController {
  private readonly document = openApiDocument();

  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  @Get('docs-json')
  docsJson() {
    return this.document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  docs(): string {
    return SWAGGER_UI;
  }
}
