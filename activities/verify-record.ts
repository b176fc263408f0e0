import type {
  AccommodationRegistrations,
  BirthCertificateRegistry,
  CompanyRegistry,
  CriminalRecordRegistry,
  EntryExitRegistry,
  MarriageRegistry,
  PopulationRegistry,
  PowerOfAttorneyRegistry,
  RequestLog,
  ResidencePermitRecords,
  ResidenceRegisters,
  WorkPermitRegistry,
} from './registries';
import { parsePermitRecordsSubject, parseRequestLogSubject, REQUESTS_FACT, residenceYearsByCity, yearsFact } from '../domain';
import { parsePowerOfAttorneySubject } from '../domain/kernel/representation';
import type { Registry } from '../domain/kernel/types';
import type { CaseActivities, VerifyRecordResult, VerifyRecordsResult } from './types';

export interface Registries {
  company: CompanyRegistry;
  population: PopulationRegistry;
  entryExit: EntryExitRegistry;
  residence: ResidenceRegisters;
  birthCertificate: BirthCertificateRegistry;
  marriage: MarriageRegistry;
  criminalRecord: CriminalRecordRegistry;
  powerOfAttorney: PowerOfAttorneyRegistry;
  accommodation: AccommodationRegistrations;
  workPermit: WorkPermitRegistry;
  permits: ResidencePermitRecords;
  requestLog: RequestLog;
}

/** How each register is asked; keyed by Registry, so a register added to the domain without a check fails to compile. */
const checks: { [R in Registry]: (registries: Registries, subject: string) => Promise<VerifyRecordResult> } = {
  company: (r, creditCode) => checkCompany(r.company, creditCode),
  population: (r, idNumber) => checkResident(r.population, idNumber),
  'entry-exit': (r, passportNo) => checkEntry(r.entryExit, passportNo),
  'residence-registration': (r, subject) =>
    inCity(subject, async (id, city) => {
      const reg = await r.residence.residence(id, city);
      return reg
        ? { ok: true, detail: `residence in city ${city} registered since ${reg.since}`, facts: { since: reg.since } }
        : { ok: false, detail: `no residence registration in city ${city}` };
    }),
  'social-insurance': (r, subject) =>
    inCity(subject, async (id, city) => {
      const ins = await r.residence.insurance(id, city);
      return ins
        ? {
            ok: true,
            detail: `social insurance paid in city ${city} since ${ins.since}`,
            facts: { employerCreditCode: ins.employerCreditCode, since: ins.since },
          }
        : { ok: false, detail: `no social insurance paid in city ${city}: no stable job there on record` };
    }),
  property: (r, subject) =>
    inCity(subject, async (id, city) => {
      const home = await r.residence.home(id, city);
      return home
        ? { ok: true, detail: `${home.kind === 'owned' ? 'home owned' : 'rental contract filed'} in city ${city} since ${home.since}`, facts: { ...home } }
        : { ok: false, detail: `no home owned nor rental contract filed in city ${city}` };
    }),
  student: (r, subject) =>
    inCity(subject, async (id, city) => {
      const student = await r.residence.student(id, city);
      return student
        ? { ok: true, detail: `enrolled in city ${city} since ${student.enrolledSince}`, facts: { ...student } }
        : { ok: false, detail: `not enrolled at a school in city ${city}` };
    }),
  'birth-certificate': (r, query) => checkBirthCertificate(r.birthCertificate, query),
  marriage: (r, couple) => checkMarriage(r.marriage, couple),
  'hukou-cancellation': (r, idNumber) => checkCancelled(r.population, idNumber),
  'criminal-record': (r, subject) => checkCriminalRecord(r.criminalRecord, subject),
  kinship: (r, subject) => checkKinship(r.population, subject),
  'power-of-attorney': (r, subject) => checkPowerOfAttorney(r.powerOfAttorney, subject),
  'accommodation-registration': (r, subject) =>
    passportHolder(subject.split('@')[0] ?? '', async (nationality, passportNo) => {
      const office = subject.split('@')[1];
      if (!office) return { ok: false, detail: 'the subject names no office' };
      const stay = await r.accommodation.lookup(nationality, passportNo, office);
      return stay
        ? { ok: true, detail: `accommodation registered with the police in ${office} since ${stay.since}`, facts: { since: stay.since } }
        : { ok: false, detail: `no accommodation registered with the police in ${office}` };
    }),
  'work-permit': (r, subject) =>
    passportHolder(subject, async (nationality, passportNo) => {
      const permit = await r.workPermit.lookup(nationality, passportNo);
      return permit
        ? {
            ok: true,
            detail: `a work permit for employer ${permit.employerCreditCode}, valid until ${permit.validUntil}`,
            facts: { employerCreditCode: permit.employerCreditCode, validUntil: permit.validUntil },
          }
        : { ok: false, detail: 'no work permit on record for this passport' };
    }),
  'residence-permit': (r, subject) => checkPermitYears(r.permits, subject),
  'request-log': (r, subject) => checkRequestLog(r.requestLog, subject),
};

/** Foreigners are asked about by nationality and passport: `<nationality>/<passport number>`. */
async function passportHolder(subject: string, check: (nationality: string, passportNo: string) => Promise<VerifyRecordResult>): Promise<VerifyRecordResult> {
  const [nationality, passportNo] = subject.split('/');
  if (!nationality || !passportNo) return { ok: false, detail: 'the subject names no nationality and passport' };
  return check(nationality, passportNo);
}

/** Residence-permit registers are asked about one person in one city: `<ID number>@<city code>`. */
async function inCity(subject: string, check: (idNumber: string, city: string) => Promise<VerifyRecordResult>): Promise<VerifyRecordResult> {
  const [idNumber, city] = subject.split('@');
  if (!idNumber || !city) return { ok: false, detail: 'the subject names no person and city' };
  return check(idNumber, city);
}

/** Checks one fact against a state register (免交證); transient failures are thrown so Temporal retries them. */
export const verifyRecord =
  (registries: Registries): CaseActivities['verifyRecord'] =>
  async ({ registry, subject }) => {
    // The request crossed a process boundary: a register this build does not know is an answer, not a crash.
    if (!Object.hasOwn(checks, registry)) return { ok: false, detail: `no ${registry as string} register is connected` };
    return checks[registry](registries, subject);
  };

/**
 * How long a check asked with others may take (ms): a register slower than that is left unanswered here, and the
 * case asks it again on its own, with retries (workflows/case-workflow.ts). Bounds how long a slow register holds up
 * the answer to the command that made the check due (inferred: a caseworker at the counter waits seconds at most).
 */
export const CHECK_IN_A_BATCH_MS = 2_000;

/**
 * The checks a command made due, asked at once (one local activity for all, instead of one each): every answer that
 * came in time, and for the others why not. Never throws for one register: the others' answers are kept.
 */
export const verifyRecords =
  (registries: Registries, budgetMs = CHECK_IN_A_BATCH_MS): CaseActivities['verifyRecords'] =>
  async ({ caseId, checks }) => {
    const verify = verifyRecord(registries);
    return Promise.all(
      checks.map(async ({ registry, subject }): Promise<VerifyRecordsResult[number]> => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${budgetMs} ms`)), budgetMs);
        });
        try {
          return { answered: true, result: await Promise.race([verify({ caseId, registry, subject }), late]) };
        } catch (e) {
          return { answered: false, error: e instanceof Error ? e.message : String(e) };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  };

/**
 * The residence years the person's permits prove in the cities asked about, on the day asked (permitRecordsSubject):
 * an answer even where there is none (0 years is what the register holds). Years per city as `years:<city>` facts.
 */
async function checkPermitYears(register: ResidencePermitRecords, subject: string): Promise<VerifyRecordResult> {
  const asked = parsePermitRecordsSubject(subject);
  if (!asked) return { ok: false, detail: 'the residence-permit query names no person, cities and day' };
  const permits = (await register.permitsOf(asked.idNumber)).filter((p) => asked.cities.includes(p.residenceCity));
  const years = residenceYearsByCity(permits, asked.cities, asked.asOf);
  const facts = { asOf: asked.asOf, permits: permits.length, ...Object.fromEntries(years.map((y) => [yearsFact(y.cityCode), y.residenceYears])) };
  const detail =
    years.length > 0
      ? `residence permits prove ${years.map((y) => `${y.residenceYears} years in city ${y.cityCode}`).join(', ')} as of ${asked.asOf}`
      : `no residence years proved by a permit in cities ${asked.cities.join(', ')} as of ${asked.asOf}`;
  return { ok: true, detail, facts };
}

/**
 * How many no-criminal-record requests the person lodged in the window asked (requestLogSubject): an answer even where
 * there is none (0 is what the log holds). The count as the `requests` fact, with the window; no dates or offices.
 */
async function checkRequestLog(log: RequestLog, subject: string): Promise<VerifyRecordResult> {
  const asked = parseRequestLogSubject(subject);
  if (!asked) return { ok: false, detail: 'the request-log query names no person and window' };
  const requests = (await log.requestsOf(asked.person, asked.since, asked.before)).length;
  const detail = `the platform's request log holds ${requests} earlier no-criminal-record request${requests === 1 ? '' : 's'} since ${asked.since}`;
  return { ok: true, detail, facts: { [REQUESTS_FACT]: requests, since: asked.since, before: asked.before } };
}

async function checkCompany(register: CompanyRegistry, creditCode: string): Promise<VerifyRecordResult> {
  const company = await register.lookup(creditCode);
  if (!company) return { ok: false, detail: `credit code ${creditCode} is not in the company register` };
  if (company.status === 'revoked') return { ok: false, detail: `the company's registration (${creditCode}) is revoked` };
  return { ok: true, detail: `company ${creditCode} is registered and active` };
}

async function checkResident(register: PopulationRegistry, idNumber: string): Promise<VerifyRecordResult> {
  const person = await register.lookup(idNumber);
  if (!person) return { ok: false, detail: `ID number ${idNumber} is not in the population register` };
  const facts = { hukouOffice: person.hukouOffice };
  if (person.status === 'cancelled') return { ok: false, detail: `the registration of ${idNumber} is cancelled`, facts };
  return { ok: true, detail: `resident ${idNumber} is registered, hukou at office ${person.hukouOffice}`, facts };
}

/** Whether the person's registration was cancelled (注銷), and where: what a cancellation certificate attests. */
async function checkCancelled(register: PopulationRegistry, idNumber: string): Promise<VerifyRecordResult> {
  const person = await register.lookup(idNumber);
  if (!person) return { ok: false, detail: `ID number ${idNumber} is not in the population register` };
  const facts = { hukouOffice: person.hukouOffice };
  if (person.status !== 'cancelled') return { ok: false, detail: `the registration of ${idNumber} is not cancelled`, facts };
  return { ok: true, detail: `the registration of ${idNumber} at office ${person.hukouOffice} is cancelled`, facts };
}

/**
 * Whether the platform holds an effective finding of guilt to disclose: confirmed means none (a sealed juvenile record
 * is not disclosed, 刑事訴訟法 art 286); contradicted means a record the notice must state. No court or date is told.
 */
async function checkCriminalRecord(register: CriminalRecordRegistry, subject: string): Promise<VerifyRecordResult> {
  const { findings } = await register.lookup(subject);
  const disclosed = findings.filter((f) => !f.sealedJuvenile);
  if (disclosed.length > 0) return { ok: false, detail: 'the criminal-record platform holds an effective finding of guilt', facts: { record: 'recorded' } };
  const sealed = findings.length > 0;
  return {
    ok: true,
    detail: sealed ? 'no record to disclose (a sealed juvenile record)' : 'no criminal record',
    facts: { record: sealed ? 'sealed' : 'none' },
  };
}

/**
 * Whether the population register records the representative as the person's parent or guardian (subject:
 * kinshipSubject). Parents are the guardians of their minor children (民法典 art 27); other guardians — by law,
 * agreement, designation or a court's appointment (arts 27–31) — are recorded as guardians. Nobody else is confirmed.
 * Whether that relation bears the capacity claimed is the case's to decide (kinshipMismatch).
 */
async function checkKinship(register: PopulationRegistry, subject: string): Promise<VerifyRecordResult> {
  const [personId, relativeId] = subject.split('/');
  if (!personId || !relativeId) return { ok: false, detail: 'the kinship check names no person and relative' };
  const relation = await register.kinship(personId, relativeId);
  // The answer names no one (it is shown wherever the case is): the case holds who the two are.
  if (!relation) return { ok: false, detail: "the population register records the representative as neither the applicant's parent nor guardian" };
  return { ok: true, detail: `the population register records the representative as the applicant's ${relation}`, facts: { relation } };
}

/**
 * Whether the notarial register holds the agent's deed (subject: powerOfAttorneySubject): given by the applicant to this
 * agent, for this matter, not revoked (民法典 arts 165, 173). The answer names no person: the case holds who they are.
 */
async function checkPowerOfAttorney(register: PowerOfAttorneyRegistry, subject: string): Promise<VerifyRecordResult> {
  const asked = parsePowerOfAttorneySubject(subject);
  if (!asked) return { ok: false, detail: 'the power-of-attorney check names no deed, applicant and agent' };
  const deed = await register.lookup(asked.reference);
  if (!deed) return { ok: false, detail: 'the notarial register holds no power of attorney under that reference' };
  if (deed.principal !== asked.principal || deed.agent !== asked.agent) {
    return { ok: false, detail: 'the power of attorney on record was not given by the applicant to this agent' };
  }
  if (!deed.matters.includes(asked.matter)) return { ok: false, detail: `the power of attorney on record does not cover a ${asked.matter} request` };
  if (deed.revoked) return { ok: false, detail: 'the power of attorney on record was revoked' };
  return { ok: true, detail: `the notarial register holds the power of attorney for a ${asked.matter} request`, facts: { matters: deed.matters.join(',') } };
}

async function checkEntry(register: EntryExitRegistry, passportNo: string): Promise<VerifyRecordResult> {
  const entry = await register.lookup(passportNo);
  if (!entry) return { ok: false, detail: `no entry record for passport ${passportNo}` };
  const when = entry.entryDate ? ` on ${entry.entryDate}` : '';
  const where = entry.port ? ` through ${entry.port}` : '';
  return { ok: true, detail: `passport ${passportNo} entered China${when}${where}`, facts: { entryDate: entry.entryDate, port: entry.port } };
}

/** `certificateNo/birthDate/sex` (domain/newborn-registration/tasks.ts): the certificate and the declared particulars. */
async function checkBirthCertificate(register: BirthCertificateRegistry, query: string): Promise<VerifyRecordResult> {
  const [certificateNo = '', birthDate = '', sex] = query.split('/');
  if (sex !== 'male' && sex !== 'female') return { ok: false, detail: 'the birth-certificate query names no sex' };
  const record = await register.lookup({ certificateNo, birthDate, sex });
  if (!record) return { ok: false, detail: `birth certificate ${certificateNo} is not in the birth-certificate register` };
  const facts = { birthDate: record.birthDate, sex: record.sex, hospital: record.hospital, alreadyRegistered: record.alreadyRegistered };
  return { ok: true, detail: `birth certificate ${certificateNo} is on record`, facts };
}

/** `idNumber/idNumber`: the two parents. Whether they are married is shown, never a condition (国办发〔2015〕96号). */
async function checkMarriage(register: MarriageRegistry, couple: string): Promise<VerifyRecordResult> {
  const [a = '', b = ''] = couple.split('/');
  const { married, registeredOn } = await register.lookup(a, b);
  if (!married) return { ok: false, detail: 'no marriage of the two parents is registered', facts: { married } };
  return { ok: true, detail: `the parents' marriage is registered${registeredOn ? ` (${registeredOn})` : ''}`, facts: { married, registeredOn } };
}
