import type { Projection } from './projection';
import { casesProjection } from './cases/cases.projection';
import { documentsProjection } from './documents/documents.projection';
import { queuesProjection } from './queues/queues.projection';
import { slaProjection } from './sla/sla.projection';
import { statsProjection } from './stats/stats.projection';

/** Every read model the API serves, by the name `POST /admin/projections/{name}/rebuild` takes. */
export const readModels: Record<string, Projection> = {
  cases: casesProjection,
  queues: queuesProjection,
  sla: slaProjection,
  stats: statsProjection,
  documents: documentsProjection,
};
