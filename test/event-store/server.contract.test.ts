import { createKurrentDbEventStore } from '../../event-store/kurrentdb';
import { openPostgres, TEST_DATABASE_URL } from './support/adapters';
import { eventStoreContract } from './support/contract';

eventStoreContract(`PostgreSQL server (${TEST_DATABASE_URL}, own schema)`, openPostgres, { sqlBackDoors: true });

// KurrentDB is optional infrastructure: its contract is registered only when a server is configured.
const kurrentDb = process.env.KURRENTDB_CONNECTION_STRING;
if (kurrentDb) {
  eventStoreContract(
    'KurrentDB',
    async () => {
      const store = await createKurrentDbEventStore({ connectionString: kurrentDb });
      return { name: 'kurrentdb', store, concurrentConnections: true, dispose: () => store.close() };
    },
    { sqlBackDoors: false },
  );
} else {
  console.warn('KurrentDB contract: not run (KURRENTDB_CONNECTION_STRING not set)');
}
