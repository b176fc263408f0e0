import { Module } from '@nestjs/common';
import { VerifyController } from './verify.controller';

/** The public verification of issued documents (GET /verify/{number}?code=). */
@Module({ controllers: [VerifyController] })
export class VerifyModule {}
