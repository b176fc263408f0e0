import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '../../../event-store/types';
import type { Principal } from '../auth/principal';
import { toProblem } from '../problem/to-problem';

/** Refused actions live in `audit-{caseId}`, beside the case stream: supervisors see them, the case's facts stay clean. */
const auditStream = (caseId: string) => `audit-${caseId}`;
const AUDITED = new Set([403, 409, 422]);

export class RejectionAudit {
  constructor(private readonly store: EventStore) {}

  /** Runs an action; if the domain refuses it (403/409/422), records who tried what and why, then rethrows. */
  async recording<T>(caseId: string, action: string, actor: Principal, correlationId: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const { problem } = toProblem(error);
      if (AUDITED.has(problem.status)) {
        await this.store
          .append(auditStream(caseId), [
            {
              id: randomUUID(),
              type: 'ActionRejected',
              data: { action, status: problem.status, detail: problem.detail },
              metadata: { actor: actor.id, role: actor.role, office: actor.office, at: new Date().toISOString(), commandId: correlationId, correlationId },
            },
          ])
          .catch(() => undefined); // the caller's answer must not depend on the audit trail being writable
      }
      throw error;
    }
  }

  async rejections(caseId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(auditStream(caseId));
  }
}
