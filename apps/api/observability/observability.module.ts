import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ObservabilityController } from './observability.controller';

/** /metrics, and the OpenAPI document with Swagger UI (the document is discovered from every controller). */
@Module({ imports: [DiscoveryModule], controllers: [ObservabilityController] })
export class ObservabilityModule {}
