import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { EventStore } from '../../../event-store/types';
import { EVENT_STORE } from '../tokens';
import { PublishedReference } from './published-reference';
import { ReferenceController } from './reference.controller';

/** Reference data as published versions; the first start publishes the shipped tables. */
@Module({
  controllers: [ReferenceController],
  providers: [{ provide: PublishedReference, useFactory: (store: EventStore) => new PublishedReference(store), inject: [EVENT_STORE] }],
  exports: [PublishedReference],
})
export class ReferenceModule implements OnModuleInit {
  constructor(@Inject(PublishedReference) private readonly reference: PublishedReference) {}

  async onModuleInit(): Promise<void> {
    await this.reference.seed();
  }
}
