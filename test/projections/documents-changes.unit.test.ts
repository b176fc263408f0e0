import { KernelEvents, type DocumentFact } from '../../domain';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import type { RecordedEvent } from '../../event-store/types';
import { documentsProjection } from '../../projections/documents/documents.projection';

const fact: DocumentFact = { number: 'R-1', kind: 'receipt', verificationCode: 'ABCD2345', issuingOffice: '440105', issuedAt: '2026-12-01T08:00:00Z' };

function recorded(type: string, data: unknown, documents?: DocumentFact[]): RecordedEvent {
  return {
    id: `e-${type}`,
    type,
    data,
    metadata: { at: '2026-12-01T08:00:00Z', ...(documents ? { documents } : {}) },
    streamId: 'case-c1',
    version: 1,
    position: '1',
    checkpoint: '1',
    recordedAt: '2026-12-01T08:00:00Z',
    prevHash: '',
    hash: '',
  } as RecordedEvent;
}

/** The runner skips a batch whose events `changes` rejects: that must be exactly the batches apply writes nothing for. */
describe('documents read model: which events change it', () => {
  const events: Array<[string, RecordedEvent]> = [
    ['an event issuing nothing', recorded('CaseAccepted', {})],
    ['an event with an empty list of documents', recorded('CaseAccepted', {}, [])],
    ['an event issuing a receipt', recorded('CaseOpened', { type: 'x' }, [fact])],
    ['an issue replacing a lost document', recorded('DocumentIssued', {}, [{ ...fact, number: 'P-2', replaces: 'P-1' }])],
    ['a revocation naming documents', recorded(KernelEvents.DecisionRevoked, { revokedDocuments: ['P-1'] })],
    ['a revocation naming none', recorded(KernelEvents.DecisionRevoked, { revokedDocuments: [] })],
    ['an approved correction reissuing a document', recorded(KernelEvents.CorrectionApproved, { reissued: [{ replaces: 'P-1' }] })],
    ['an approved correction reissuing nothing', recorded(KernelEvents.CorrectionApproved, { reissued: [] })],
  ];

  it.each(events)('%s: changes() is true exactly when apply writes', async (_label, event) => {
    const statements: string[] = [];
    const sql: SqlExecutor = {
      query: async (text) => {
        statements.push(text);
        return { rows: [], rowCount: 0 };
      },
    };
    await documentsProjection.apply(sql, [event], 'rm_documents');
    expect(documentsProjection.changes?.(event)).toBe(statements.length > 0);
  });
});
