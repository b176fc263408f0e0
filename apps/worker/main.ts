import { runProcess } from '../runtime/main-process';

// Server profile: the Temporal worker running case workflows and their activities.
void runProcess('casework-worker', { api: false, worker: true, projections: false }, () => 'case worker running');
