import { defineCaseTypes, type AnyCaseTypeModule, type CaseTypeModule } from './kernel/case-type';
import { ruleBroken } from './kernel/errors';
import { openCaseSchemaFor } from './kernel/open-schema';
import type { PolicySnapshot } from './kernel/types';
import { firstIdCard } from './first-id-card';
import { foreignerResidencePermit } from './foreigner-residence-permit';
import { householdCertificate } from './household-certificate';
import { idCardLossReport } from './id-card-loss-report';
import { idCardReplacement } from './id-card-replacement';
import { hukouMigration } from './hukou-migration';
import { multiEntryVisa } from './multi-entry-visa';
import { newbornRegistration } from './newborn-registration';
import { noCriminalRecord } from './no-criminal-record';
import { portVisa } from './port-visa';
import { residencePermit } from './residence-permit';
import { residencePermitEndorsement } from './residence-permit-endorsement';
import { temporaryIdCard } from './temporary-id-card';
import { SLA_POLICY_VERSION } from './sla';

/**
 * Every case type the system handles, each under the name its module declares (a mismatch fails to
 * compile). Adding one is one folder and one line here: the names, the opening schema, the default
 * SLA policy and the activities' types all follow from this object.
 */
export const caseTypes = defineCaseTypes({
  'port-visa': portVisa,
  'multi-entry-visa': multiEntryVisa,
  'hukou-migration': hukouMigration,
  'first-id-card': firstIdCard,
  'residence-permit': residencePermit,
  'newborn-registration': newbornRegistration,
  'household-certificate': householdCertificate,
  'id-card-replacement': idCardReplacement,
  'temporary-id-card': temporaryIdCard,
  'no-criminal-record': noCriminalRecord,
  'foreigner-residence-permit': foreignerResidencePermit,
  // Filings (a fact recorded, no decision: docs/domain.md §7.9.3).
  'id-card-loss-report': idCardLossReport,
  'residence-permit-endorsement': residencePermitEndorsement,
});

export type CaseType = keyof typeof caseTypes;

// Object.keys types its result as string[]: the keys of `caseTypes` are exactly CaseType.
export const CASE_TYPES = Object.keys(caseTypes) as [CaseType, ...CaseType[]];

/** The `POST /cases` body: one of the registered types, the rest checked by the type's own schema. */
export const openCaseSchema = openCaseSchemaFor(CASE_TYPES);

/** What a registered case type brings, as types (details, progress, events, clocks, tasks). */
export type SpecOf<T extends CaseType> = T extends CaseType ? ((typeof caseTypes)[T] extends CaseTypeModule<infer S> ? S : never) : never;

/** Every activity any registered case type asks for, with its input and value (activities/types.ts). */
export type CaseActivityTask = SpecOf<CaseType>['tasks'];

/** The module of a case type named by stored or requested data; an unknown name is a 422. */
export function caseTypeModule(type: string): AnyCaseTypeModule {
  if (!Object.hasOwn(caseTypes, type)) throw ruleBroken(`case type ${type} is not handled yet`);
  return caseTypes[type as CaseType];
}

/** Whether cases of a type are applications (decided) or filings (a fact recorded, never decided: §7.9.3). */
export const caseKindOf = (type: string): 'filing' | 'application' => (caseTypeModule(type).filing ? 'filing' : 'application');

/** The default SLA policy: the clocks of every registered type, keyed by the type (sources in each type's folder). */
export const defaultSlaPolicy = {
  version: SLA_POLICY_VERSION,
  // Object.fromEntries loses the keys' types; it maps each registered type to its own clocks.
  clocks: Object.fromEntries(Object.entries(caseTypes).map(([type, module]) => [type, module.clocks])) as {
    [T in CaseType]: (typeof caseTypes)[T]['clocks'];
  },
};

/**
 * The policy snapshotted into CaseOpened: it governs the case for life. A clock the type added later (clocksAddedBy)
 * is in it only where `patched` says the opening was decided by code that knew it (the workflow's patched()).
 */
export const policyFor = (module: AnyCaseTypeModule, patched: (changeId: string) => boolean = () => true): PolicySnapshot => {
  const added: Partial<Record<string, string>> | undefined = module.clocksAddedBy;
  if (!added) return { version: defaultSlaPolicy.version, clocks: module.clocks };
  const clocks = Object.fromEntries(Object.entries(module.clocks).filter(([clock]) => added[clock] === undefined || patched(added[clock])));
  return { version: defaultSlaPolicy.version, clocks };
};
