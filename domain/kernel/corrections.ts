import { z } from 'zod';
import { hasValidIdCheckCharacter } from '../registers/id-number';
import type { ActionDefinition, AnyCaseTypeModule } from './case-type';
import { ruleBroken } from './errors';
import { event, KernelEvents as E } from './events';
import { isCaseworkerOf, isSupervisorOfOrAbove, notNow, notWho } from './guards';
import type { CaseDocument, CaseState, CaseTypeSpec, Status } from './types';

/**
 * A field of a decided case that its type lets be corrected (a name or ID number on a hukou record or a card),
 * with the law it is corrected under and the documents showing it, which a correction reissues.
 */
export interface CorrectableField<S extends CaseTypeSpec = CaseTypeSpec> {
  /** Its name in `request-correction` (`applicant.name`). */
  field: string;
  /** The law the correction is made under, recorded with the approval. */
  legalBasis: string;
  /** The kinds of the case's documents that show the field: reissued under new numbers, the old ones superseded. */
  documents: readonly string[];
  /** Why a requested value cannot be right (422), or null. */
  refusal?(value: string): string | null;
  /** The value the case holds now. */
  read(state: CaseState<S>): string | undefined;
  /** The case with the corrected value. */
  write(state: CaseState<S>, value: string): CaseState<S>;
}

/** The open correction request of a decided case: one at a time. */
export interface CorrectionRequest {
  field: string;
  value: string;
  reason: string;
  requestedAt: string;
}

/** A settled correction request, as the case shows it. */
export interface CorrectionRecord {
  field: string;
  decision: 'approved' | 'rejected';
  at: string;
  oldValue?: string;
  newValue?: string;
  reissued?: { number: string; replaces: string }[];
}

/** A decided case, carried out or not, may be corrected (as it may be revoked: 行政許可法 arts 8, 69). */
const CORRECTABLE_STATUSES: readonly Status[] = ['approved', 'completed'];

export const CORRECTION_DECISIONS = ['approve', 'reject'] as const;

/** The applicant's name, where a type lets it be corrected (e.g. a hukou record's 姓名). */
export const applicantName = <S extends CaseTypeSpec>(legalBasis: string, documents: readonly string[]): CorrectableField<S> => ({
  field: 'applicant.name',
  legalBasis,
  documents,
  refusal: (v) => (v.length > 100 || /[\t\n\r]/.test(v) ? 'a name is a single line of at most 100 characters' : null),
  read: (s) => s.applicant.name,
  write: (s, name) => ({ ...s, applicant: { ...s.applicant, name } }),
});

/** The applicant's resident ID number (GB 11643), checked for its check character. */
export const applicantIdNumber = <S extends CaseTypeSpec>(legalBasis: string, documents: readonly string[]): CorrectableField<S> => ({
  field: 'applicant.idNumber',
  legalBasis,
  documents,
  refusal: (v) => (/^\d{17}[\dX]$/.test(v) && hasValidIdCheckCharacter(v) ? null : 'not a resident ID number with a valid check character (GB 11643)'),
  read: (s) => s.applicant.idNumber,
  write: (s, idNumber) => ({ ...s, applicant: { ...s.applicant, idNumber } }),
});

const text = z.string().trim().min(1).max(2000);
const requestPayload = z.object({ field: z.string().trim().min(1).max(64), value: z.string().trim().min(1).max(200), reason: text }).strict();
const decidePayload = z.object({ decision: z.enum(CORRECTION_DECISIONS), reason: text }).strict();

const fieldsOf = (module: AnyCaseTypeModule): readonly CorrectableField[] => module.correctable ?? [];

/** The number a reissued document gets: the old one's, with the count of the case's approved corrections. */
const reissuedNumber = (s: CaseState, d: CaseDocument): string =>
  `${d.number.replace(/-R\d+$/, '')}-R${(s.corrections ?? []).filter((c) => c.decision === 'approved').length + 1}`;

/** Correction of what a decision recorded: requested by a caseworker of the deciding office, decided by a supervisor. */
export function correctionActions(module: AnyCaseTypeModule): ActionDefinition[] {
  const requestCorrection: ActionDefinition<CaseTypeSpec, z.infer<typeof requestPayload>> = {
    name: 'request-correction',
    payload: requestPayload,
    guard: (state, actor) =>
      (isCaseworkerOf(actor, state.handlingOffice)
        ? null
        : notWho(`only a caseworker of office ${state.handlingOffice}, which decided, may request a correction`)) ??
      (CORRECTABLE_STATUSES.includes(state.status)
        ? null
        : notNow(`only a decided case can be corrected; this one is ${state.status} (allowed when ${CORRECTABLE_STATUSES.join(' or ')})`)) ??
      (fieldsOf(module).length === 0 ? notNow(`a ${module.type} case has nothing that can be corrected: revoke the decision instead if it was wrong`) : null) ??
      (state.correction ? notNow(`a correction of ${state.correction.field} is already requested: it must be decided first (decide-correction)`) : null),
    decide(state, p, ctx) {
      const fields = fieldsOf(module);
      const field = fields.find((f) => f.field === p.field);
      if (!field) throw ruleBroken(`a ${module.type} case cannot correct ${p.field}; correctable: ${fields.map((f) => f.field).join(', ')}`);
      const why = field.refusal?.(p.value);
      if (why) throw ruleBroken(`${p.field}: ${why}`);
      if (field.read(state) === p.value) throw ruleBroken(`${p.field} already holds that value: there is nothing to correct`);
      return [event(E.CorrectionRequested, { field: p.field, value: p.value, reason: p.reason }, ctx.at)];
    },
  };

  const decideCorrection: ActionDefinition<CaseTypeSpec, z.infer<typeof decidePayload>> = {
    name: 'decide-correction',
    payload: decidePayload,
    guard: (state, actor) =>
      (isSupervisorOfOrAbove(actor, state.handlingOffice, state.officeDirectory)
        ? null
        : notWho(`only a supervisor of office ${state.handlingOffice}, which decided, or of an office above it may decide a correction`)) ??
      (CORRECTABLE_STATUSES.includes(state.status) ? null : notNow(`cannot decide a correction of a case that is ${state.status}`)) ??
      (state.correction ? null : notNow('no correction is requested')),
    decide(state, p, ctx) {
      const request = state.correction!;
      if (p.decision === 'reject') return [event(E.CorrectionRejected, { field: request.field, reason: p.reason }, ctx.at)];
      const field = fieldsOf(module).find((f) => f.field === request.field);
      // A request is only recorded for a field the type declares; a type that stopped declaring it cannot approve it.
      if (!field) throw ruleBroken(`a ${module.type} case can no longer correct ${request.field}: reject the request`);
      const superseded = state.documents.filter((d) => field.documents.includes(d.kind) && d.revoked !== true);
      const reissued = superseded.map((d) => ({ kind: d.kind, number: reissuedNumber(state, d), replaces: d.number }));
      return [
        event(
          E.CorrectionApproved,
          { field: request.field, oldValue: field.read(state) ?? null, newValue: request.value, reason: p.reason, legalBasis: field.legalBasis, reissued },
          ctx.at,
        ),
      ];
    },
  };

  return [requestCorrection, decideCorrection];
}

/** Folds an approved correction: the field corrected, each superseded document marked, its successor issued. */
export function applyCorrection(
  module: AnyCaseTypeModule,
  s: CaseState,
  data: { field: string; oldValue: string | null; newValue: string; reissued: { kind: string; number: string; replaces: string }[] },
  at: string,
): CaseState {
  const field = fieldsOf(module).find((f) => f.field === data.field);
  const corrected = field ? field.write(s, data.newValue) : s;
  const successor = new Map(data.reissued.map((r) => [r.replaces, r.number]));
  const documents = corrected.documents.flatMap((d) => {
    const number = successor.get(d.number);
    if (!number) return [d];
    const { verificationCode: _code, ...rest } = d;
    return [
      { ...d, revoked: true, supersededBy: number },
      { ...rest, number, replaces: d.number },
    ];
  });
  const record: CorrectionRecord = {
    field: data.field,
    decision: 'approved',
    at,
    ...(data.oldValue !== null ? { oldValue: data.oldValue } : {}),
    newValue: data.newValue,
    reissued: data.reissued.map(({ number, replaces }) => ({ number, replaces })),
  };
  return { ...corrected, documents, correction: null, corrections: [...(s.corrections ?? []), record] };
}
