import type { WorkingCalendar } from '../calendar';
import type { ReferenceSet } from '../reference';
import { spansProvinces } from '../offices';
import { hasValidIdCheckCharacter } from '../registers/id-number';
import type { AnyCaseTypeModule, EventOf } from './case-type';
import { recordClocks } from './clock-facts';
import { forbidden, invalid, ruleBroken } from './errors';
import { event, KernelEvents as E } from './events';
import { evolve } from './evolve';
import type { OpenCaseInput } from './open-schema';
import { receiptNumber } from './receipts';
import type { Actor, CaseState, CaseTypeSpec, PolicySnapshot } from './types';

/** The facts recorded when a case is lodged: the part of the case state known at that moment. */
export type CaseOpenedData = Pick<
  CaseState,
  | 'caseId'
  | 'type'
  | 'channel'
  | 'crossProvince'
  | 'receivingOffice'
  | 'handlingOffice'
  | 'involvedOffices'
  | 'applicant'
  | 'applicantId'
  | 'details'
  | 'materials'
  | 'openedAt'
  | 'policy'
>;

export interface OpenContext {
  caseId: string;
  actor: Actor;
  at: string;
  policy: PolicySnapshot;
  /** The working-day calendar the case's deadlines are computed with, as published when it is lodged. */
  calendar: WorkingCalendar;
  /** The reference tables in force when it is lodged. */
  reference?: ReferenceSet;
}

/**
 * Rules a new opening must meet that recorded openings need not, and what it settles that they left open: checked at the boundary (the API) before
 * the workflow is asked, never in decideOpen, which the workflow replays over recorded inputs from before
 * the rule existed. Details the type's schema rejects are left to decideOpen to report.
 */
export function checkNewOpening(module: AnyCaseTypeModule, input: OpenCaseInput): OpenCaseInput {
  // docs/domain.md §3: ID numbers are checked for their GB 11643 check character on input. The number is not
  // repeated in the answer (personal data).
  const { idNumber } = input.applicant;
  if (idNumber !== undefined && !hasValidIdCheckCharacter(idNumber)) {
    throw ruleBroken("the applicant's resident ID number has a wrong check character (GB 11643, ISO 7064 MOD 11-2): check the number as typed");
  }
  const details = module.details.safeParse(input.details);
  if (!details.success || !module.prepareNew) return input;
  // The type may settle what a new opening leaves open (e.g. which office decides); the details stay as sent.
  return { ...module.prepareNew({ ...input, details: details.data }), details: input.details };
}

/** Decides the lodging of a case: who may lodge it on which channel, and the type's own rules. */
export function decideOpen(module: AnyCaseTypeModule, input: OpenCaseInput, ctx: OpenContext): EventOf<CaseTypeSpec>[] {
  const { actor } = ctx;
  if (actor.role === 'caseworker') {
    if (input.channel === 'online') throw forbidden('online cases are lodged by the applicant');
    if (actor.office !== input.receivingOffice) {
      throw forbidden(`a caseworker of office ${actor.office} cannot lodge a case at office ${input.receivingOffice}`);
    }
  } else if (actor.role === 'applicant') {
    if (input.channel !== 'online') throw forbidden('applicants lodge cases on the online channel');
  } else {
    throw forbidden(`role ${actor.role} cannot open cases`);
  }

  const details = module.details.safeParse(input.details);
  if (!details.success) {
    throw invalid('details are not valid for a ' + module.type + ' case', {
      errors: details.error.issues.map((i) => ({ path: ['details', ...i.path].join('.'), message: i.message })),
    });
  }
  const checked: OpenCaseInput = { ...input, details: details.data };
  module.checkOpen(checked, ctx.at, ctx);

  const fixedHandlingOffice = module.handlingOffice?.(checked);
  if (fixedHandlingOffice && input.handlingOffice && input.handlingOffice !== fixedHandlingOffice) {
    throw ruleBroken(`a ${module.type} case is decided by office ${fixedHandlingOffice}, not ${input.handlingOffice}`);
  }
  const handlingOffice = fixedHandlingOffice ?? input.handlingOffice ?? input.receivingOffice;
  const involvedOffices = module.involvedOffices({ ...checked, handlingOffice });
  const crossProvince = spansProvinces([input.receivingOffice, handlingOffice, ...involvedOffices]);
  if (input.channel === 'cross-province' && !crossProvince) {
    throw ruleBroken('a cross-province case needs offices in two provinces');
  }

  const data: CaseOpenedData = {
    caseId: ctx.caseId,
    type: module.type,
    channel: input.channel,
    crossProvince,
    receivingOffice: input.receivingOffice,
    handlingOffice,
    involvedOffices,
    applicant: input.applicant,
    ...(actor.role === 'applicant' ? { applicantId: actor.id } : {}),
    details: details.data,
    materials: input.materials,
    openedAt: ctx.at,
    policy: ctx.policy,
  };
  const openedEvent = event(E.CaseOpened, data, ctx.at);
  if (!module.acceptedAtLodging) return recordClocks(module, null, [openedEvent], ctx.calendar);
  // Accepted on the spot: the acceptance receipt is handed over with the opening (行政許可法 art 32; docs/domain.md §4).
  const accepted = event(E.CaseAccepted, { receiptNumber: receiptNumber('SL', input.receivingOffice, ctx.caseId, ctx.at) }, ctx.at);
  const state = evolve(module, evolve(module, null, openedEvent), accepted);
  return recordClocks(module, null, [openedEvent, accepted, ...(module.onAccepted?.(state, ctx.at, 'accepted', ctx) ?? [])], ctx.calendar);
}
