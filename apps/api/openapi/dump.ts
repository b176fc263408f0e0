import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import type { Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { AdminModule } from '../admin/admin.module';
import { CasesModule } from '../cases/cases.module';
import { ConsoleController } from '../console/console.controller';
import { HealthModule } from '../health/health.module';
import { ObservabilityModule } from '../observability/observability.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { openApiDocument } from './document';

/** Every controller the API serves (ApiModule's feature modules, and the console's). */
export function apiControllers(): Type[] {
  const modules = [CasesModule, ReadModelsModule, AdminModule, HealthModule, ObservabilityModule];
  const controllers = modules.flatMap((m) => (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, m) as Type[] | undefined) ?? []);
  return [...controllers, ConsoleController];
}

/**
 * Writes the document /docs-json serves to a file, without starting a server, so the console's typed
 * client is generated from it at build time: `node -r ./scripts/lib/register-ts.cjs apps/api/openapi/dump.ts <file>`.
 */
if (require.main === module) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: dump.ts <output file>');
  writeFileSync(out, `${JSON.stringify(openApiDocument(apiControllers()), null, 2)}\n`);
}
