import fc from 'fast-check';
import {
  allowedActions,
  caseTypes,
  creditCodeCheckCharacter,
  decideAction,
  decideParentEvent,
  decideTaskResult,
  decideTimers,
  DomainError,
  evolve,
  isClosed,
  keepsRunning,
  pendingTasks,
  waitingOn,
  type Actor,
  type AnyCaseTypeModule,
  type CaseEvent,
  type CaseState,
  type OpenCaseInput,
  type ParentEvent,
  type PendingTask,
  type TaskOutcome,
} from '../../../domain';
import { caseworker, opened, supervisor, testEnv } from '../support/given';

/**
 * Random lives of cases of every type: caseworkers, supervisors and the applicant act, registers and the card
 * centre answer or fail, and business time runs on so that clocks fire. Whatever happens, a case never goes
 * silent, never goes back in time, and receives nothing once it is over (issue 11).
 */
const company = (prefix: string) => prefix + creditCodeCheckCharacter(prefix);
const APPLICANT = 'applicant-1';
const openedAt = '2026-11-25T02:00:00.000Z';

/**
 * A type lodged as a child whose own work is done by its parent's answer (an endorsement filing, recorded by its permit
 * case): what the parent may say, where the case has no task of its own left to answer.
 */
const parentAnswers: Record<string, (s: CaseState) => ParentEvent[]> = {
  'residence-permit-endorsement': (s) => [
    {
      parentCaseId: s.parentCaseId!,
      type: 'ResidencePermitEndorsed',
      at: s.openedAt,
      data: {
        number: 'JZ31010120261125ABCDEF12',
        endorsedOn: '2027-11-01',
        late: false,
        office: '310101',
        nextAnniversary: '2028-11-25',
        childCaseId: s.caseId,
      },
    },
    { parentCaseId: s.parentCaseId!, type: 'EndorsementNotRecorded', at: s.openedAt, data: { childCaseId: s.caseId, reason: 'already endorsed' } },
  ],
};

const inputs: Record<string, { input: OpenCaseInput; lodgedBy: Actor }> = {
  'port-visa': {
    lodgedBy: caseworker('440106'),
    input: {
      type: 'port-visa',
      channel: 'window',
      receivingOffice: '440106',
      applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
      materials: ['passport', 'invitation letter'],
      details: {
        port: 'Guangzhou Baiyun Airport',
        purpose: 'business',
        invitingCompany: { creditCode: company('91440101MA5CK7L2X'), name: 'Canton Co.' },
        intendedStayDays: 14,
      },
    },
  },
  'multi-entry-visa': {
    lodgedBy: caseworker('440106'),
    input: {
      type: 'multi-entry-visa',
      channel: 'window',
      receivingOffice: '440106',
      applicant: { name: 'Anna Schmidt', passportNo: 'C01X00T47', nationality: 'DEU' },
      materials: ['passport', 'invitation letter'],
      details: {
        currentVisa: { type: 'M', entryDate: '2026-11-20', stayUntil: '2026-12-19' },
        invitingCompany: { creditCode: company('91440101MA5CK7L2X'), name: 'Canton Co.' },
        requestedValidityYears: 3,
        passportValidUntil: '2031-05-31',
      },
    },
  },
  'hukou-migration': {
    lodgedBy: { id: APPLICANT, role: 'applicant', office: '000000' },
    input: {
      type: 'hukou-migration',
      channel: 'online',
      receivingOffice: '440106',
      applicant: { name: '李娜', idNumber: '310101199205061233' },
      materials: ['application form'],
      details: {
        category: 'talent',
        fromOffice: '310101',
        toOffice: '440106',
        destinationCity: { code: '440100' },
        residenceYears: 2,
        socialInsuranceYears: 2,
      },
    },
  },
  'first-id-card': {
    lodgedBy: caseworker('440104'),
    input: {
      type: 'first-id-card',
      channel: 'window',
      receivingOffice: '440104',
      applicant: { name: '王小明', idNumber: '440106201002031238', birthDate: '2010-02-03' },
      materials: ['hukou booklet'],
      details: { hukouOffice: '440106', residenceOffice: '440104', delivery: 'pickup' },
    },
  },
  'residence-permit': {
    lodgedBy: caseworker('310101'),
    input: {
      type: 'residence-permit',
      channel: 'window',
      receivingOffice: '310101',
      applicant: { name: '陈静', idNumber: '440106199203151236' },
      materials: ['application form'],
      details: { residenceOffice: '310101', basis: 'home' },
    },
  },
  'foreigner-residence-permit': {
    lodgedBy: caseworker('310101'),
    input: {
      type: 'foreigner-residence-permit',
      channel: 'window',
      receivingOffice: '310101',
      applicant: { name: 'Marco Rossi', passportNo: 'YA1234567', nationality: 'ITA' },
      materials: ['application form', 'passport'],
      details: {
        residenceOffice: '310101',
        kind: 'study',
        visa: { type: 'X1', entryDate: '2026-11-20' },
        passportValidUntil: '2032-06-30',
        requestedDays: 365,
      },
    },
  },
  'newborn-registration': {
    lodgedBy: caseworker('440106'),
    input: {
      type: 'newborn-registration',
      channel: 'window',
      receivingOffice: '440106',
      applicant: { name: '李小雨', birthDate: '2026-11-15' },
      materials: ['declaration form'],
      details: {
        sex: 'female',
        birthCertificateNo: 'O441234567',
        placeOfBirth: 'mainland',
        chosenParent: { role: 'father', name: '李明', idNumber: '440106199003151231' },
        otherParent: { role: 'mother', name: '王芳', idNumber: '440106199207082223' },
        declarant: { relation: 'father', name: '李明', idNumber: '440106199003151231' },
      },
    },
  },
  'id-card-replacement': {
    lodgedBy: caseworker('440104'),
    input: {
      type: 'id-card-replacement',
      channel: 'window',
      receivingOffice: '440104',
      applicant: { name: '陈静', idNumber: '440106199003071231', birthDate: '1990-03-07' },
      materials: ['application form'],
      details: { hukouOffice: '440106', residenceOffice: '440104', delivery: 'post' },
    },
  },
  'id-card-loss-report': {
    lodgedBy: caseworker('440104'),
    input: {
      type: 'id-card-loss-report',
      channel: 'window',
      receivingOffice: '440104',
      applicant: { name: '陈静', idNumber: '440106199003071231' },
      materials: [],
      details: { hukouOffice: '440106', lostOn: '2026-11-24' },
    },
  },
  'residence-permit-endorsement': {
    lodgedBy: caseworker('310101'),
    input: {
      type: 'residence-permit-endorsement',
      channel: 'window',
      receivingOffice: '310101',
      applicant: { name: '陈静', idNumber: '440106199203151236' },
      materials: [],
      parentCaseId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      details: { residenceOffice: '310101' },
    },
  },
  'temporary-id-card': {
    lodgedBy: caseworker('310101'),
    input: {
      type: 'temporary-id-card',
      channel: 'cross-province',
      receivingOffice: '310101',
      applicant: { name: '陈静', idNumber: '440106199003071231' },
      materials: ['application form'],
      parentCaseId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      details: { hukouOffice: '440106' },
    },
  },
  'household-certificate': {
    lodgedBy: caseworker('310101'),
    input: {
      type: 'household-certificate',
      channel: 'cross-province',
      receivingOffice: '310101',
      applicant: { name: '陳靜', idNumber: '440106199003071231' },
      materials: ['ID card'],
      details: {
        subKind: 'kinship',
        hukouOffice: '440106',
        purpose: 'visa application',
        person: { name: '陳父', idNumber: '440106196204150020', relation: 'parent' },
      },
    },
  },
  'no-criminal-record': {
    lodgedBy: caseworker('310101'),
    input: {
      type: 'no-criminal-record',
      channel: 'cross-province',
      receivingOffice: '310101',
      applicant: { name: '陳靜', idNumber: '440106199003071231' },
      materials: ['ID card'],
      details: { ground: 'hukou', decidingOffice: '440106', purpose: 'employment abroad' },
    },
  },
};

const PAYLOADS: Record<string, (actor: Actor) => unknown> = {
  'request-materials': () => ({ items: ['a missing page'] }),
  supplement: () => ({ items: ['the missing page'] }),
  'refuse-acceptance': () => ({ reason: 'not within our remit' }),
  withdraw: () => ({ reason: 'changed plans' }),
  assign: (actor) => ({ assignee: actor.id }),
  'pause-clock': () => ({ kind: 'inspection', reason: 'site visit' }),
  'extend-deadline': () => ({ workingDays: 5, reason: 'complex case' }),
  refuse: () => ({ reason: 'does not qualify', legalBasis: 'the statute' }),
  'capture-biometrics': () => ({ photo: 'new' }),
  'capture-photo': () => ({ photo: 'new' }),
  replace: () => ({ reason: 'lost' }),
  surrender: () => ({ reason: 'left-the-city' }),
  'decline-move-out': () => ({ reason: 'an obstacle at the origin' }),
  'issue-hukou-page': () => ({ delivery: 'pickup' }),
  'decline-certificate': () => ({ reason: 'the register records no such relation' }),
  'decline-sign-off': () => ({ reason: 'identity not established' }),
  revoke: () => ({ reason: 'obtained by deception', legalBasis: '行政許可法 第六十九条' }),
  object: () => ({ reason: 'the record is not mine' }),
  'extend-objection-review': () => ({ reason: 'court files are asked for' }),
  'answer-objection': () => ({ outcome: 'upheld', reason: 'the record was not the applicant’s' }),
};

/** A plausible answer of each automated task, or its failure. */
function outcomeOf(task: PendingTask, s: CaseState, ok: boolean): TaskOutcome {
  if (!ok) return { ok: false, error: 'the service failed' };
  if (task.kind === 'verify-record') {
    const facts =
      // The request log answers a count (no-criminal-record): none earlier, so no proof of use is asked.
      task.registry === 'request-log'
        ? { requests: 0 }
        : s.type === 'hukou-migration'
          ? { hukouOffice: (s.details as { fromOffice: string }).fromOffice }
          : s.type === 'household-certificate'
            ? { hukouOffice: (s.details as { hukouOffice: string }).hukouOffice }
            : s.type === 'no-criminal-record'
              ? { hukouOffice: (s.details as { decidingOffice: string }).decidingOffice }
              : undefined;
    return { ok: true, value: { ok: true, detail: 'on record', ...(facts ? { facts } : {}) } };
  }
  switch (task.activity) {
    case 'lookupPhoto':
      return { ok: true, value: { found: false } };
    case 'storePhoto':
      return { ok: true, value: { stored: true, photoId: (task.input as { photoId: string }).photoId } };
    case 'produceCard':
      return { ok: true, value: { cardNumber: '440106000000000001', productionCentre: 'centre' } };
    case 'verifyRecord':
      return { ok: true, value: { ok: true, detail: 'on record', facts: { birthDate: s.applicant.birthDate, sex: 'female', alreadyRegistered: false } } };
    case 'allocateBirthSequence':
      return { ok: true, value: { sequence: 2 } };
    case 'checkCardCase': {
      // The temporary card's card case: open, decided by the hukou-place office, with the photo the card carries.
      const { hukouOffice } = s.details as { hukouOffice: string };
      const photo = { photoId: 'photo-1', takenAt: openedAt };
      return { ok: true, value: { found: true, type: 'first-id-card', open: true, hukouOffice, receivingOffice: s.receivingOffice, signedOff: true, photo } };
    }
    default:
      return { ok: true, value: {} };
  }
}

type Step =
  { kind: 'act'; actor: number; action: number } | { kind: 'progress' } | { kind: 'task'; task: number; ok: boolean } | { kind: 'wait'; hours: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('act' as const), actor: fc.nat(20), action: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'progress' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('task' as const), task: fc.nat(5), ok: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 24 * 12 }) }) },
);

/** Everyone who might act on a case: its offices' caseworkers, their supervisors, the applicant. */
function actorsOf(s: CaseState): Actor[] {
  const offices = [...new Set([s.receivingOffice, s.handlingOffice, ...s.involvedOffices])];
  return [
    ...offices.map((o) => caseworker(o)),
    ...offices.map((o) => supervisor(`${o.slice(0, 2)}0000`)),
    { id: APPLICANT, role: 'applicant', office: '000000' },
  ];
}

/** The step that moves a case on, where several are allowed: what a diligent office would do next. */
const PROGRESS = [
  'capture-biometrics',
  'capture-photo',
  'accept',
  'recheck-records',
  'sign-off',
  'approve',
  'confirm-move-out',
  'register-settlement',
  'hand-over',
  'deliver-permit',
  'affix-permit',
  'retry-production',
  'issue-hukou-page',
  'retry-allocation',
  'deliver-certificate',
];

const reached = new Map<string, Set<string>>();
// Seeded, so that the coverage check at the end is the same on every run: random runs rarely got the types with
// three register checks to completion, and an unseeded check failed now and then. LIFECYCLE_SEED explores others.
const SEED = Number(process.env.LIFECYCLE_SEED ?? 20261201);
// A residence permit lives on after its case completed: endorsed, replaced, surrendered, its endorsement timers ringing.
// A no-criminal-record decision takes an objection and its review.
const POST_DECISION_ACTIONS = ['revoke', 'endorse', 'replace', 'surrender', 'object', 'extend-objection-review', 'answer-objection'];

describe.each(Object.keys(caseTypes))('a %s case, whatever happens to it', (type) => {
  const module = (caseTypes as Record<string, AnyCaseTypeModule>)[type];
  const { input, lodgedBy } = inputs[type];

  it('never goes back in time, never goes silent, and takes nothing once it is over', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let events: CaseEvent[] = opened(module, input, lodgedBy, openedAt);
        let state = events.reduce<CaseState | null>((acc, e) => evolve(module, acc, e), null)!;
        let now = Date.parse(openedAt);
        const seen = reached.get(type) ?? new Set<string>();
        reached.set(type, seen);
        seen.add(state.status);

        const record = (batch: CaseEvent[], how: string) => {
          if (batch.length === 0) return;
          // Over: nothing more, but the post-decision actions its type defines on a completed case.
          const kept = how === 'timers' && keepsRunning(module, state);
          const allowed = !isClosed(state) || (state.status === 'completed' && (POST_DECISION_ACTIONS.includes(how) || kept));
          expect({ after: state.status, how, allowed }).toEqual({ after: state.status, how, allowed: true });
          for (const e of batch) {
            const last = Date.parse(events.at(-1)!.at);
            expect({ type: e.type, at: Date.parse(e.at) >= last }).toEqual({ type: e.type, at: true });
            state = evolve(module, state, e);
            events = [...events, e];
            seen.add(state.status);
          }
        };

        /** One action with its payload; a rule beyond the guard (409/422: a limit, a refusal basis) refuses it and changes nothing. */
        const act = (actor: Actor, action: string, at: string) => {
          try {
            record(decideAction(module, state, action, (PAYLOADS[action] ?? (() => ({})))(actor), { actor, at, ...testEnv }), action);
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
          }
        };

        for (const s of steps) {
          const at = new Date(now).toISOString();
          if (s.kind === 'wait') {
            now += s.hours * 3_600_000;
            record(decideTimers(module, state, new Date(now).toISOString(), testEnv), 'timers');
          } else if (s.kind === 'task') {
            const tasks = pendingTasks(module, state);
            const answers = parentAnswers[type]?.(state) ?? [];
            if (tasks.length === 0 && answers.length > 0) {
              record(decideParentEvent(module, state, { ...answers[s.task % answers.length], at }, at, testEnv), 'parent');
              continue;
            }
            if (tasks.length === 0) continue;
            const task = tasks[s.task % tasks.length];
            record(decideTaskResult(module, state, task, outcomeOf(task, state, s.ok), at, testEnv), 'task');
          } else if (s.kind === 'progress') {
            const move = actorsOf(state)
              .flatMap((actor) => allowedActions(module, state, actor).map((action) => ({ actor, action })))
              .filter((m) => PROGRESS.includes(m.action))
              .sort((a, b) => PROGRESS.indexOf(a.action) - PROGRESS.indexOf(b.action))[0];
            if (move) act(move.actor, move.action, at);
            else {
              // Nobody has a step to take: the automated work the case waits for answers (a register, the card centre).
              const [task] = pendingTasks(module, state);
              const [answer] = parentAnswers[type]?.(state) ?? [];
              if (task) record(decideTaskResult(module, state, task, outcomeOf(task, state, true), at, testEnv), 'task');
              else if (answer) record(decideParentEvent(module, state, { ...answer, at }, at, testEnv), 'parent');
            }
          } else {
            const actors = actorsOf(state);
            const actor = actors[s.actor % actors.length];
            const allowed = allowedActions(module, state, actor);
            if (allowed.length === 0) continue;
            act(actor, allowed[s.action % allowed.length], at);
          }
          // Open: someone owns the next step (an office, the applicant, or the office's automated task), and a clock runs for
          // it; a filing has no clock (nothing is decided, docs/domain.md §7.9.3), so only an owner.
          const open = !isClosed(state);
          const running = Object.values(state.clocks).some((c) => c.state !== 'stopped');
          const owner =
            waitingOn(module, state) ?? (state.status === 'awaiting-materials' ? 'applicant' : pendingTasks(module, state).length > 0 ? 'task' : null);
          expect({ status: state.status, step: state.step, running: running || !open || module.filing === true, owner: owner !== null || !open }).toEqual({
            status: state.status,
            step: state.step,
            running: true,
            owner: true,
          });
        }
      }),
      { numRuns: 400, seed: SEED },
    );
  });
});

const STATUSES = ['submitted', 'awaiting-materials', 'accepted', 'approved', 'completed', 'not-accepted', 'refused', 'withdrawn'];

/** A filing is received when lodged and never decided (docs/domain.md §7.9.3): it completes, or is withdrawn first. */
const FILING_STATUSES = ['accepted', 'completed', 'withdrawn'];

/** The statuses a type has: one accepted at lodging is never left `submitted` (docs/domain.md §4). */
const statusesOf = (type: string) => {
  const module = (caseTypes as Record<string, AnyCaseTypeModule>)[type];
  if (module.filing) return FILING_STATUSES;
  return STATUSES.filter((s) => !(module.acceptedAtLodging && s === 'submitted'));
};

// Last: which type × status pairs the random lives reached (printed; '–' where the type has no such status), and that they reached every one.
it('reaches every status of every type', () => {
  const mark = (type: string, seen: Set<string>, s: string) => (!statusesOf(type).includes(s) ? '–' : seen.has(s) ? '✓' : '✗');
  const table = [...reached].map(([type, seen]) => `${type}: ${STATUSES.map((s) => `${s}${mark(type, seen, s)}`).join(' ')}`);
  process.stdout.write(`\nstatuses reached by random lives\n${table.join('\n')}\n`);
  expect([...reached.keys()].sort()).toEqual(Object.keys(caseTypes).sort());
  for (const [type, seen] of reached) expect({ type, missing: statusesOf(type).filter((s) => !seen.has(s)) }).toEqual({ type, missing: [] });
});
