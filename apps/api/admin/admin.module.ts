import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { AdminController } from './admin.controller';

/** Administration: rebuilding read models (the runners come from the process, see ApiCoreModule). */
@Module({ imports: [IdempotencyModule], controllers: [AdminController] })
export class AdminModule {}
