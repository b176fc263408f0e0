import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Readiness: the checks come from the process that knows its dependencies (see ApiCoreModule). */
@Module({ controllers: [HealthController] })
export class HealthModule {}
