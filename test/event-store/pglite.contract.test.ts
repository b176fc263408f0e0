import { openPglite } from './support/adapters';
import { eventStoreContract } from './support/contract';

eventStoreContract('PGlite (embedded, in memory)', openPglite, { sqlBackDoors: true });
