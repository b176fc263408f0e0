import type { CaseTypeModule } from '../kernel/case-type';
import { applicantIdNumber, applicantName } from '../kernel/corrections';
import { ruleBroken } from '../kernel/errors';
import { stopIfRunning as stop, withClock } from '../kernel/evolve';
import type { CaseDocument } from '../kernel/types';
import { statutoryClocks, workingDayClock } from '../sla';
import { confirmMoveOut, declineMoveOut, registerSettlement } from './actions';
import { cityOf } from './admission-rules';
import { hukouMigrationDetailsSchema } from './details';
import { hukouDocumentNumber } from './documents';
import { referenceOf } from '../reference';
import { applies, type DecisionEnv } from '../kernel/case-type';
import { PERMIT_RECORDS_CHECK, PERMIT_YEARS_CHANGE, permitRecordsRequest, permitRecordsSubject, permitYearsOf } from './permit-years';
import type { HukouTables } from './admission-rules';
import { assessEligibility, destinationOf } from './eligibility';
import {
  hukouMigrationEvent as event,
  MOVE_OUT_CLOCK,
  REVOCATION_CLOCK,
  SETTLEMENT_CLOCK,
  type HukouMigration,
  type HukouMigrationCase,
  type MoveInPermit,
} from './spec';

export const POPULATION_CHECK = 'population-register';
const HUKOU_ITEM_CORRECTION = '公通字〔2016〕21號 (户口登记项目变更更正)';
const HUKOU_DOCUMENTS = ['move-in-permit', 'migration-certificate'] as const;

/**
 * Hukou migration (戶口遷移): applied for only at the move-in place, decided there; the origin office
 * moves the hukou out electronically, the move-in station registers the settlement.
 */
export const hukouMigration: CaseTypeModule<HukouMigration> = {
  type: 'hukou-migration',
  details: hukouMigrationDetailsSchema,
  // Lodged by the person moving (docs/domain.md §2 names no one lodging for them; a family moving lodges one case each).
  representation: [],

  checkOpen(input, _at, env) {
    const d = input.details;
    if (!input.applicant.idNumber) throw ruleBroken("a hukou migration needs the applicant's resident ID number");
    if (d.fromOffice === d.toOffice) throw ruleBroken('the move-out and move-in offices are the same: that is not a migration');
    if (input.receivingOffice !== d.toOffice) {
      throw ruleBroken(`a hukou migration is applied for only at the move-in office ${d.toOffice}, not at ${input.receivingOffice}`);
    }
    if (cityOf(d.destinationCity.code) !== cityOf(d.toOffice)) {
      throw ruleBroken(`the destination city ${d.destinationCity.code} is not the city of the move-in office ${d.toOffice}`);
    }
    if (env.reference) {
      destinationOf(d, { populations: referenceOf(env.reference, 'city-populations') }); // a city with no population on record is 422 now, not at acceptance
    }
  },

  // New openings only (recorded ones replay as lodged): metro-area years come per kind (docs/domain.md §2).
  prepareNew(input) {
    const d = input.details;
    if ((d.metroAreaYears ?? []).some((e) => 'years' in e)) {
      throw ruleBroken('give metro-area years per city as residenceYears and socialInsuranceYears: each kind is counted on its own');
    }
    return input;
  },

  handlingOffice: (input) => input.details.toOffice,
  involvedOffices: (input) => [input.details.fromOffice, input.details.toOffice],
  clocks: {
    completeness: statutoryClocks.completeness,
    supplement: statutoryClocks.supplement,
    // No national figure for the decision: the 20+10 WD default (inferred, domain.md §2).
    decision: statutoryClocks.decision,
    // Move-out by the origin office and settlement by the move-in station: 1 WD each (news, domain.md §2).
    [MOVE_OUT_CLOCK]: workingDayClock(MOVE_OUT_CLOCK, 1),
    [SETTLEMENT_CLOCK]: workingDayClock(SETTLEMENT_CLOCK, 1),
    // A declined move-out leaves a permit nobody can use: the move-in office revokes it (inferred: 5 WD, configurable).
    [REVOCATION_CLOCK]: workingDayClock(REVOCATION_CLOCK, 5),
  },
  steps: { intake: 'intake', review: 'review', after: 'move-out' },
  refusal: { reasonRequired: true, final: false, legalBasis: '户口登记条例 第十条' },
  actions: [confirmMoveOut, declineMoveOut, registerSettlement],

  reference: ['hukou-admission', 'city-populations', 'metro-areas'],
  // The metro group's residence years are read from residence-permit records (docs/domain.md §7.9 item 8): the opening
  // says which cities' and as of which day. Openings before that change did not, and are assessed on declared years.
  onLodged(s, at, env) {
    if (!applies(env, PERMIT_YEARS_CHANGE) || !env.reference) return [];
    const request = permitRecordsRequest(s.details.destinationCity.code, referenceOf(env.reference, 'metro-areas').data, at);
    return request ? [event('PermitRecordsRequested', request, at)] : [];
  },

  // On the tables in force when the case was lodged (the policy in force at lodging governs, docs/domain.md §1); where
  // permit records are read, once the register has answered (onRecordVerified assesses if it answers after acceptance).
  onAccepted: (s, at, _how, env) => assessed(s, at, env),

  onRecordVerified: (s, key, at, env) => (key === PERMIT_RECORDS_CHECK && s.status === 'accepted' && !s.progress.eligibility ? assessed(s, at, env) : []),

  pendingTasks(s) {
    if (s.status !== 'submitted' && s.status !== 'awaiting-materials' && s.status !== 'accepted') return [];
    const population = { key: POPULATION_CHECK, kind: 'verify-record' as const, registry: 'population' as const, subject: s.applicant.idNumber! };
    const request = s.progress.permitRecords;
    if (!request) return [population];
    return [
      population,
      { key: PERMIT_RECORDS_CHECK, kind: 'verify-record', registry: 'residence-permit', subject: permitRecordsSubject(s.applicant.idNumber!, request) },
    ];
  },

  approvalBlocker(s) {
    const eligibility = s.progress.eligibility;
    if (!eligibility && s.progress.permitRecords && !s.records[PERMIT_RECORDS_CHECK]) {
      return 'eligibility waits for the residence-permit records of the metropolitan group';
    }
    if (!eligibility) return 'eligibility has not been assessed yet';
    if (!eligibility.eligible) return `the applicant is not eligible under the ${eligibility.rule} admission rule: the case can only be refused`;
    const check = s.records[POPULATION_CHECK];
    if (!check) return 'the applicant has not been verified against the population register yet';
    if (!check.ok) return `the population register check failed (${check.detail}): the case can only be refused`;
    const registeredAt = check.facts?.hukouOffice;
    const { fromOffice } = s.details;
    if (typeof registeredAt === 'string' && registeredAt !== fromOffice) {
      return `the population register has the applicant's hukou at office ${registeredAt}, not at the move-out office ${fromOffice}`;
    }
    return null;
  },

  onApprove(s, ctx) {
    const { fromOffice, toOffice, category } = s.details;
    const permit: MoveInPermit = { kind: 'move-in-permit', number: hukouDocumentNumber('ZQ', toOffice, s, ctx.at), fromOffice, toOffice, category };
    return [event('MoveInPermitIssued', permit, ctx.at)];
  },

  // Once approved, the origin office acts first, then the move-in office (to settle, or to revoke after a decline).
  waitingOn: (s) => (s.status === 'approved' ? (s.progress.movedOutAt || s.progress.moveOutDeclinedAt ? s.details.toOffice : s.details.fromOffice) : undefined),

  // After the move-out the person's hukou is on its way: revoking the permit would leave them with none (§2).
  // The migration certificate (迁移证) is issued by the origin office that moved the hukou out (docs/domain.md §2).
  issuingOffice: (s, d) => (d.kind === 'migration-certificate' ? s.details.fromOffice : undefined),

  // The name and ID number on the hukou record are corrected under the MPS rules for hukou items (户口登记项目变更更正,
  // 公通字〔2016〕21號); the e-permit and e-certificate showing the person are reissued.
  correctable: [applicantName(HUKOU_ITEM_CORRECTION, HUKOU_DOCUMENTS), applicantIdNumber(HUKOU_ITEM_CORRECTION, HUKOU_DOCUMENTS)],

  revocationBlocker: (s) =>
    s.progress.movedOutAt ? 'the hukou was already moved out: revoking the move-in permit now would leave the person without a hukou' : null,

  // The origin office owes the move-out (its province sees those alerts); the move-in office the settlement.
  clockOwner: (s, clock) =>
    clock === MOVE_OUT_CLOCK ? s.details.fromOffice : clock === SETTLEMENT_CLOCK || clock === REVOCATION_CLOCK ? s.details.toOffice : undefined,

  // The origin office moves the hukou out once the permit is issued; the destination settles it after.
  clockStarts(_s, ev) {
    if (ev.type === 'MoveInPermitIssued') return [{ clock: MOVE_OUT_CLOCK, from: ev.at }];
    if (ev.type === 'MoveOutCompleted') return [{ clock: SETTLEMENT_CLOCK, from: ev.at }];
    if (ev.type === 'MoveOutDeclined') return [{ clock: REVOCATION_CLOCK, from: ev.at }];
    return [];
  },

  evolve(s, ev) {
    switch (ev.type) {
      case 'PermitRecordsRequested':
        return { ...s, progress: { ...s.progress, permitRecords: ev.data } };
      case 'EligibilityAssessed': {
        const { eligible, rule } = ev.data;
        return { ...s, progress: { ...s.progress, eligibility: { eligible, rule } } };
      }
      case 'MoveInPermitIssued':
        return addDocument(s, ev.data); // the move-out clock starts (clockStarts)
      case 'MoveOutCompleted': {
        const movedOut = { ...s, step: 'settlement', progress: { ...s.progress, movedOutAt: ev.at } };
        return withClock(movedOut, MOVE_OUT_CLOCK, (c) => stop(c, ev.at)); // and the settlement clock starts
      }
      case 'MoveOutDeclined':
        // The move-out clock stops: the origin office has answered; the move-in office revokes next.
        return withClock({ ...s, progress: { ...s.progress, moveOutDeclinedAt: ev.at } }, MOVE_OUT_CLOCK, (c) => stop(c, ev.at));
      case 'MigrationCertificateIssued':
        return addDocument(s, ev.data);
      case 'SettlementRegistered':
        return withClock({ ...s, progress: { ...s.progress, settledAt: ev.at } }, SETTLEMENT_CLOCK, (c) => stop(c, ev.at));
    }
  },
};

const addDocument = (s: HukouMigrationCase, document: CaseDocument): HukouMigrationCase => ({ ...s, documents: [...s.documents, document] });

/**
 * EligibilityAssessed, on the case's tables; where the opening asked for permit records, with the metro residence years
 * the register answered, and nothing yet while it has not (or answered nothing: `recheck-records` asks again).
 */
function assessed(s: HukouMigrationCase, at: string, env: DecisionEnv) {
  const request = s.progress.permitRecords;
  if (!request) return [event('EligibilityAssessed', assessEligibility(s.details, hukouTablesOf(env)), at)];
  const check = s.records[PERMIT_RECORDS_CHECK];
  if (!check || check.result === 'unavailable') return [];
  return [event('EligibilityAssessed', assessEligibility(s.details, hukouTablesOf(env), permitYearsOf(check, request.cities)), at)];
}

const hukouTablesOf = (env: DecisionEnv): HukouTables => ({
  admission: referenceOf(env.reference, 'hukou-admission'),
  populations: referenceOf(env.reference, 'city-populations'),
  metroAreas: referenceOf(env.reference, 'metro-areas'),
});
