import type { Projection } from './projection';
import { casesProjection } from './cases/cases.projection';
import { documentsProjection } from './documents/documents.projection';

/** Every read model the API serves, each with its runner, by its projection's name. */
export const readModels: Record<string, Projection> = {
  cases: casesProjection,
  documents: documentsProjection,
};

/**
 * The views the API serves, by the name `POST /admin/projections/{name}/rebuild` takes, and the read model behind
 * each: the queues, the SLA board and the statistics query the case table's own columns.
 */
export const readModelViews: Record<string, keyof typeof readModels> = {
  cases: 'cases',
  queues: 'cases',
  sla: 'cases',
  stats: 'cases',
  documents: 'documents',
};
