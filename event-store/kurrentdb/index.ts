import type { EventStore } from '../types';

export interface KurrentDbEventStoreConfig {
  connectionString: string;
}

export async function createKurrentDbEventStore(_config: KurrentDbEventStoreConfig): Promise<EventStore> {
  throw new Error('KurrentDB adapter: not implemented yet');
}
