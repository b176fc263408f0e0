import { runProcess } from '../runtime/main-process';

// Embedded profile: API, worker and projections in one process, on PGlite and the Temporal dev server.
void runProcess('casework', { api: true, worker: true, projections: true }, (url) => `casework is up: API ${url}`);
