import { randomUUID } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { EventStore, RecordedEvent } from '../../../event-store/types';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { toProblem } from '../problem/to-problem';
import { markRefusalAudited } from '../access-log/access-log';

/** Refused actions live in `audit-{caseId}`, beside the case stream: supervisors see them, the case's facts stay clean. */
const auditStream = (caseId: string) => `audit-${caseId}`;
const AUDITED = new Set([403, 409, 422]);

export class RejectionAudit {
  constructor(private readonly store: EventStore) {}

  /** Records who tried what and why it was refused, if it was a refusal (403/409/422); never fails the caller's answer. */
  async record(caseId: string, action: string, actor: Principal, correlationId: string, error: unknown): Promise<boolean> {
    const { problem } = toProblem(error);
    if (!AUDITED.has(problem.status)) return false;
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
    return true;
  }

  async rejections(caseId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(auditStream(caseId));
  }
}

/** Around `POST /cases/:caseId/actions/:action`: an action the domain refuses is recorded, then answered as refused. */
@Injectable()
export class RejectionAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: RejectionAudit) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { caseId, action } = req.params as { caseId: string; action: string };
    return next.handle().pipe(
      catchError((error: unknown) =>
        from(this.audit.record(caseId, action, req.principal!, req.id, error)).pipe(
          mergeMap((audited) => {
            // A refusal the domain made is in the rejection audit; the access log keeps to access refusals.
            if (audited) markRefusalAudited(req);
            return throwError(() => error);
          }),
        ),
      ),
    );
  }
}
