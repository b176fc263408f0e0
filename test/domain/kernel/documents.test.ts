import { decideTaskResult, fold, multiEntryVisa, pendingTasks, verificationCode, type CaseEvent, type CaseState, type OpenCaseInput } from '../../../domain';
import { caseworker, given, opened, supervisor, testEnv, type LooseEvent, multiEntryVisaAt } from '../support/given';

const OFFICE = '440106';
const openedAt = '2026-11-25T02:00:00.000Z';
const worker = caseworker(OFFICE);
const input: OpenCaseInput = multiEntryVisaAt(OFFICE);

function checked(events: CaseEvent[]): CaseEvent[] {
  const s = fold(multiEntryVisa, events) as CaseState;
  return pendingTasks(multiEntryVisa, s).flatMap((t) =>
    decideTaskResult(multiEntryVisa, s, t, { ok: true, value: { ok: true, detail: 'found' } }, openedAt, testEnv),
  );
}

/** A visa decided and issued: lodged, checked, accepted, approved. */
function issued(): { history: LooseEvent[]; accepted: LooseEvent[]; approved: LooseEvent[] } {
  const lodged = opened(multiEntryVisa, input, worker, openedAt);
  const before = [...lodged, ...checked(lodged)];
  const accepted = given(multiEntryVisa, before)
    .when(worker, 'accept', {})
    .then([{ type: 'CaseAccepted' }, { type: 'AcceptanceReceiptIssued' }, { type: 'PassportVerifiedAndReturned' }]);
  const approved = given(multiEntryVisa, [...before, ...accepted])
    .when(worker, 'approve', {}, '2026-11-26T03:00:00.000Z')
    .then([{ type: 'CaseApproved' }, { type: 'VisaIssued' }, { type: 'CaseCompleted' }]);
  return { history: [...before, ...accepted, ...approved], accepted, approved };
}

describe('verifiable documents', () => {
  it('records on the issuing event each document with its code, kind, issuing office and dates', () => {
    const { approved, history } = issued();
    const visa = approved[1];
    const number = visa.data.number as string;
    const { caseId } = fold(multiEntryVisa, history) as CaseState;
    expect(visa.documents).toEqual([
      { number, kind: 'visa', verificationCode: verificationCode(caseId, number), issuingOffice: OFFICE, issuedAt: visa.at, validUntil: visa.data.validUntil },
    ]);
    expect(approved[0].documents).toBeUndefined();
    expect(approved[2].documents).toBeUndefined();
    // Folding shows the code on the document; nothing is computed again.
    const s = fold(multiEntryVisa, history) as CaseState;
    expect(s.documents.find((d) => d.number === number)?.verificationCode).toBe(visa.documents![0].verificationCode);
  });

  it('records the acceptance receipt, and again with its validity where the visa office keeps it as a document', () => {
    const { accepted } = issued();
    expect(accepted[0].documents).toEqual([expect.objectContaining({ kind: 'acceptance-receipt', issuingOffice: OFFICE, issuedAt: accepted[0].at })]);
    const receipt = accepted[0].documents![0];
    expect(receipt.number).toBe(accepted[0].data.receiptNumber);
    // The same number kept as a document later in the batch gets its validity, under the same code.
    expect(accepted[1].documents).toEqual([{ ...receipt, validUntil: accepted[1].data.validUntil }]);
  });

  it('gives each case and number its own code: 10 characters of Crockford base32, the same on every replay', () => {
    const a = verificationCode('0f8fad5b-d9cb-469f-a165-70867728950e', 'ME440106ABC');
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(verificationCode('0f8fad5b-d9cb-469f-a165-70867728950e', 'ME440106ABC')).toBe(a);
    expect(verificationCode('0f8fad5b-d9cb-469f-a165-70867728950f', 'ME440106ABC')).not.toBe(a);
    expect(verificationCode('0f8fad5b-d9cb-469f-a165-70867728950e', 'ME440106ABD')).not.toBe(a);
  });

  it('a revocation names every document the case issued, which verification then answers as revoked', () => {
    const { history } = issued();
    const numbers = (fold(multiEntryVisa, history) as CaseState).documents.map((d) => d.number);
    const [revoked] = given(multiEntryVisa, history)
      .when(supervisor(OFFICE), 'revoke', { reason: 'the invitation was forged', legalBasis: '行政许可法 第六十九条' })
      .then([{ type: 'DecisionRevoked' }]);
    expect(revoked.data.revokedDocuments).toEqual(numbers);
  });
});
