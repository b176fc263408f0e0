import { runProcess } from '../runtime/main-process';

// Server profile: the HTTP API and the read-model projections (one leader per projection across replicas).
void runProcess('casework-api', { api: true, worker: false, projections: true }, (url) => `API listening on ${url}`);
