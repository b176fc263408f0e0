import { openPostgres, TEST_DATABASE_URL } from './support/adapters';
import { eventStoreContract } from './support/contract';

eventStoreContract(`PostgreSQL server (${TEST_DATABASE_URL}, own schema)`, openPostgres, { sqlBackDoors: true });
