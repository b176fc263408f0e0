import type { WorkingCalendar } from '../calendar';
import { directoryFor, spansProvinces } from '../offices';
import type { OfficePolicy, ReferenceSet, ReferenceSnapshot } from '../reference';
import type { ClockSpec } from '../sla';
import { hasValidIdCheckCharacter } from '../registers/id-number';
import { acceptedWhenLodged, applies, type ActionContext, type AnyCaseTypeModule, type EventOf } from './case-type';
import { clockOwner } from './case-offices';
import { recordClocks } from './clock-facts';
import { recordDocuments } from './documents';
import { forbidden, invalid, ruleBroken } from './errors';
import { event, KernelEvents as E } from './events';
import { fold } from './evolve';
import type { OpenCaseInput } from './open-schema';
import { receiptNumber } from './receipts';
import { representationProblem } from './representation';
import {
  LEGACY_CROSS_PROVINCE_CHANNEL,
  type Actor,
  type CaseState,
  type CaseTypeSpec,
  type OpeningChannel,
  type PolicySnapshot,
  type PossibleDuplicate,
} from './types';

/**
 * The facts recorded when a case is lodged: the part of the case state known at that moment. `channel` is as
 * recorded: openings recorded before cross-province became routing may hold the alias (folded by channelOf).
 */
export type CaseOpenedData = { channel: OpeningChannel } & Pick<
  CaseState,
  | 'caseId'
  | 'type'
  | 'crossProvince'
  | 'receivingOffice'
  | 'handlingOffice'
  | 'involvedOffices'
  | 'applicant'
  | 'applicantId'
  | 'representative'
  | 'parentCaseId'
  | 'details'
  | 'materials'
  | 'openedAt'
  | 'policy'
  | 'officeDirectory'
>;

export interface OpenContext extends Pick<ActionContext, 'patched'> {
  caseId: string;
  actor: Actor;
  at: string;
  policy: PolicySnapshot;
  /** The working-day calendar the case's deadlines are computed with, as published when it is lodged. */
  calendar: WorkingCalendar;
  /** The reference tables in force when it is lodged (office tables: the entries of the offices it names). */
  reference?: ReferenceSet;
  /** Other open cases of the same type about the same person, as the API found them when it was lodged. */
  possibleDuplicates?: PossibleDuplicate[];
}

/**
 * The offices an opening names: receiving, deciding and the type's own. The API sends the case the entries of
 * these offices only (office directory, per-office policy); decideOpen records those it used.
 */
export function officesOfOpening(module: AnyCaseTypeModule, input: OpenCaseInput): string[] {
  const offices = [input.receivingOffice, ...(input.handlingOffice ? [input.handlingOffice] : [])];
  const details = module.details.safeParse(input.details);
  if (details.success) {
    const checked: OpenCaseInput = { ...input, details: details.data };
    try {
      const handlingOffice = module.handlingOffice?.(checked) ?? input.handlingOffice ?? input.receivingOffice;
      offices.push(handlingOffice, ...module.involvedOffices({ ...checked, handlingOffice }));
    } catch {
      // Details the type refuses: decideOpen reports why; the offices named so far are enough to get there.
    }
  }
  return [...new Set(offices)];
}

/**
 * Why an office's own limit for a clock cannot apply, or null. The statutory limits are ceilings an office may
 * only commit below (行政許可法 art 42; docs/domain.md "(local)"); the applicant's supplement deadline is the
 * office's to set either way (inferred: at most 90 days, so no case waits a season for its papers).
 */
export function localLimitProblem(spec: ClockSpec, limit: number): string | null {
  if (!Number.isInteger(limit) || limit < 1) return `a limit is a positive whole number of ${spec.unit}`;
  if (spec.clock === 'supplement')
    return limit > MAX_SUPPLEMENT_DAYS ? `the supplement deadline is at most ${MAX_SUPPLEMENT_DAYS} ${spec.unit} (inferred)` : null;
  if (spec.localMaxLimit !== undefined && limit > spec.localMaxLimit) {
    return `an office's rules may set at most ${spec.localMaxLimit} ${spec.unit} for the ${spec.clock} clock`;
  }
  if (spec.localMaxLimit !== undefined) return null;
  return limit > spec.limit ? `an office may commit to less than the ${spec.limit} ${spec.unit} of the ${spec.clock} clock, never more` : null;
}

/** The longest supplement deadline an office may give (inferred; docs/domain.md §1). */
export const MAX_SUPPLEMENT_DAYS = 90;

/**
 * The policy a case is lodged with: the type's clocks, each with the limit the office owning it committed to
 * (per-office policy, `office-policies`), and the version and entries applied, so replay needs nothing of today's table.
 */
export function withLocalPolicy(
  module: AnyCaseTypeModule,
  base: PolicySnapshot,
  table: ReferenceSnapshot<Record<string, OfficePolicy>> | undefined,
  ownerOf: (clock: string) => string,
): PolicySnapshot {
  if (!table) return base;
  const clocks: Record<string, ClockSpec> = { ...base.clocks };
  const applied: Record<string, OfficePolicy> = {};
  for (const [name, spec] of Object.entries(base.clocks)) {
    const office = ownerOf(name);
    const entry = Object.hasOwn(table.data, office) ? table.data[office] : undefined;
    const local = entry?.clocks[module.type]?.[name];
    // A table is checked when published; one that would break a ceiling anyway is not applied.
    if (!entry || !local || local.limit === spec.limit || localLimitProblem(spec, local.limit)) continue;
    clocks[name] = { ...spec, limit: local.limit };
    applied[office] = entry;
  }
  return { ...base, clocks, local: { version: table.version, offices: applied } };
}

/**
 * Rules a new opening must meet that recorded openings need not, and what it settles that they left open: checked at the boundary (the API) before
 * the workflow is asked, never in decideOpen, which the workflow replays over recorded inputs from before
 * the rule existed. Details the type's schema rejects are left to decideOpen to report.
 */
export function checkNewOpening(module: AnyCaseTypeModule, input: OpenCaseInput, at: string): OpenCaseInput {
  // docs/domain.md §3: ID numbers are checked for their GB 11643 check character on input. The number is not
  // repeated in the answer (personal data).
  const { idNumber } = input.applicant;
  if (idNumber !== undefined && !hasValidIdCheckCharacter(idNumber)) {
    throw ruleBroken("the applicant's resident ID number has a wrong check character (GB 11643, ISO 7064 MOD 11-2): check the number as typed");
  }
  const representativeId = input.representative?.idNumber;
  if (representativeId !== undefined && !hasValidIdCheckCharacter(representativeId)) {
    throw ruleBroken("the representative's resident ID number has a wrong check character (GB 11643, ISO 7064 MOD 11-2): check the number as typed");
  }
  const details = module.details.safeParse(input.details);
  // Who may lodge for the applicant is the type's rule (representation); details the type rejects are decideOpen's to report.
  if (details.success && input.representative) {
    const problem = representationProblem(module.type, module.representation ?? [], input.representative, { ...input, details: details.data }, at);
    if (problem) throw ruleBroken(problem);
  }
  if (!details.success || !module.prepareNew) return input;
  // The type may settle what a new opening leaves open (e.g. which office decides); the details stay as sent.
  return { ...module.prepareNew({ ...input, details: details.data }), details: input.details };
}

/**
 * Who may lodge a case on which channel: decideOpen's first rule. The API asks it too before it reads anything a
 * caller names (a parent case), so that a caller who may not lodge here learns that and nothing else.
 */
export function checkLodger(actor: Actor, input: Pick<OpenCaseInput, 'channel' | 'receivingOffice'>): void {
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
}

/** Decides the lodging of a case: who may lodge it on which channel, and the type's own rules. */
export function decideOpen(module: AnyCaseTypeModule, input: OpenCaseInput, ctx: OpenContext): EventOf<CaseTypeSpec>[] {
  checkLodger(ctx.actor, input);

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
  const offices = [input.receivingOffice, handlingOffice, ...involvedOffices];
  const directory = ctx.reference?.offices ? directoryFor(ctx.reference.offices, offices) : undefined;
  const crossProvince = spansProvinces(offices, directory);
  // Cross-province is routing derived from the offices (docs/domain.md §7.9.1); the deprecated channel alias still
  // promises it, so an alias opening whose offices lie in one province is refused as before.
  const alias = input.channel === LEGACY_CROSS_PROVINCE_CHANNEL;
  if (alias && !crossProvince) {
    throw ruleBroken('a cross-province case needs offices in two provinces');
  }

  const data: CaseOpenedData = {
    caseId: ctx.caseId,
    type: module.type,
    // The alias is recorded as the window channel it always was. A case lodged with it before this change recorded the
    // alias itself, and replays so (the fold reads both as window).
    channel: alias && applies(ctx, 'cross-province-routing') ? 'window' : input.channel,
    crossProvince,
    receivingOffice: input.receivingOffice,
    handlingOffice,
    involvedOffices,
    applicant: input.applicant,
    ...(ctx.actor.role === 'applicant' ? { applicantId: ctx.actor.id } : {}),
    // Who lodged, where it is not the person the case is about (checked at the boundary: representationProblem).
    ...(input.representative ? { representative: input.representative } : {}),
    // The case it belongs to (checked at the boundary: parentLinkProblem); the parent records the link on its side.
    ...(input.parentCaseId ? { parentCaseId: input.parentCaseId } : {}),
    details: details.data,
    materials: input.materials,
    openedAt: ctx.at,
    policy: ctx.policy,
    ...(directory ? { officeDirectory: directory } : {}),
  };
  // Each clock's limit is the commitment of the office that owns it (completeness: receiving, decision: deciding).
  const draft = { ...data, clocks: {} } as unknown as CaseState;
  data.policy = withLocalPolicy(module, ctx.policy, ctx.reference?.['office-policies'], (clock) => clockOwner(module, draft, clock));
  // Possible duplicates are shown from the start: the caseworker reviews them before the case can be decided.
  const found = ctx.possibleDuplicates?.length ? [event(E.PossibleDuplicatesFound, { cases: ctx.possibleDuplicates }, ctx.at)] : [];
  const lodged = [event(E.CaseOpened, data, ctx.at), ...found];
  const record = (events: EventOf<CaseTypeSpec>[]) => recordDocuments(module, null, recordClocks(module, null, events, ctx.calendar));
  const onTheSpot = module.onLodged?.(fold(module, lodged)!, ctx.at, ctx) ?? [];
  if (!acceptedWhenLodged(module) || onTheSpot.length > 0) return record([...lodged, ...onTheSpot]);
  // Accepted on the spot: the acceptance receipt (a filing's receipt) is handed over with the opening (行政許可法 art 32;
  // docs/domain.md §4, §7.9.3).
  const accepted = event(E.CaseAccepted, { receiptNumber: receiptNumber('SL', input.receivingOffice, ctx.caseId, ctx.at) }, ctx.at);
  const state = fold(module, [...lodged, accepted])!;
  return record([...lodged, accepted, ...(module.onAccepted?.(state, ctx.at, 'accepted', ctx) ?? [])]);
}
