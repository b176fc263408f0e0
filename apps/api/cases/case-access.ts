import { accessPolicy } from '../../../domain/access';
import type { CaseState, CaseView } from '../../../domain';
import type { RecordedEvent } from '../../../event-store/types';
import type { Principal } from '../auth/principal';
import { ProblemError } from '../problem/problem';
import type { CaseReader } from './case-reader';

/** Reads a case for a caller, as the access policy allows: a case they may not know of is 404, never a hint. */
export class CaseAccess {
  constructor(private readonly reader: CaseReader) {}

  async visible(caseId: string, p: Principal): Promise<CaseState> {
    const state = await this.reader.load(caseId);
    if (!accessPolicy.maySee(p, state)) throw new ProblemError(404, 'no such case');
    return state;
  }

  /** The events of a case the caller may audit (history and as-of states). */
  async auditable(caseId: string, p: Principal): Promise<RecordedEvent[]> {
    const state = await this.visible(caseId, p);
    if (!accessPolicy.mayAudit(p, state)) throw new ProblemError(403, 'only supervisors and caseworkers of an involved office may read the history');
    return this.reader.events(caseId);
  }
}

/**
 * Without personal data (SLA monitors watch clocks, not people; 居民身份證法 art. 6 and 19 oblige the
 * police to keep what they learn of a card holder confidential): no name, ID or passport number, not
 * even masked, and everything that may hold them dropped — register answers ("resident 1101… is
 * registered"), document and receipt numbers, the assignee, details, materials and requested items.
 * What a monitor needs stays: type, status, step, offices, clocks, versions and dates, which registers
 * were checked and with what outcome, which kinds of documents and receipts were issued.
 * Whether a caller sees personal data is the access policy's to say (`seesPersonalData`), nobody else's.
 */
export function masked(view: CaseView, p: Principal): CaseView {
  if (p.role === 'applicant') return aboutTheApplicant(view);
  if (accessPolicy.seesPersonalData(p)) return view;
  const a = view.applicant;
  return {
    ...view,
    // Not even a masked name or part of a number: a surname or a birth date with an office and a date of
    // lodging can single a person out. Nationality stays (it decides which clocks and registers apply).
    applicant: { name: '', ...(a.nationality ? { nationality: a.nationality } : {}) },
    // Somebody lodged for the applicant: in which capacity stays (it says which rule let them), not who.
    ...(view.representative ? { representative: { role: view.representative.role, name: '' } } : {}),
    assignee: null,
    // The register's facts (e.g. the hukou office) go too: they are about the person, not the clock.
    records: view.records.map((r) => ({ registry: r.registry, subject: '', ok: r.ok, result: r.result, detail: '', at: r.at })),
    documents: view.documents.map((d) => ({ kind: d.kind, number: '' })),
    receipts: view.receipts.map((r) => ({ kind: r.kind, number: '', at: r.at })),
    details: {},
    materials: [],
    materialsRequested: view.materialsRequested === null ? null : [],
    // A requested correction's value is a name or a number, and its reason may quote one: only the field stays.
    ...(view.correction ? { correction: { field: view.correction.field, value: '', reason: '', requestedAt: view.correction.requestedAt } } : {}),
    ...(view.corrections ? { corrections: view.corrections.map((c) => ({ field: c.field, decision: c.decision, at: c.at })) } : {}),
  };
}

/**
 * An applicant sees what the registers said about the person the case is about (themself, or the child
 * they lodged for), and of any other check only which register answered and whether it passed: an answer
 * about somebody else (a family member's hukou, a guardian's record) is that person's data.
 */
function aboutTheApplicant(view: CaseView): CaseView {
  const own = new Set([view.applicant.idNumber, view.applicant.passportNo].filter((x): x is string => !!x));
  return {
    ...view,
    records: view.records.map((r) => (own.has(r.subject) ? r : { registry: r.registry, subject: '', ok: r.ok, result: r.result, detail: '', at: r.at })),
  };
}

/** 张三 → 张*; 欧阳娜娜 → 欧***. */
export const maskName = (name: string) => ([...name][0] ?? '') + '*'.repeat(Math.max(1, [...name].length - 1));
