// A residence-permit case as the store holds one that was lodged years ago: its stream decided by the domain, as the
// workflow would have decided it, at past instants (register checks confirmed, photo taken, accepted, issued,
// delivered, endorsed in the month before each anniversary). A test appends it to a store to have a permit whose
// residence years have already run (docs/domain.md §7.4), which no case lodged during a test can have.
import { randomUUID } from 'node:crypto';
import {
  decideAction,
  decideOpen,
  decideTaskResult,
  decideTimers,
  defaultReferenceSet,
  fold,
  pendingTasks,
  policyFor,
  residencePermit,
  type Actor,
  type CaseEvent,
  type CaseState,
  type ResidencePermitCase,
  type TaskOutcome,
} from '../../domain';
import { cnCalendar } from '../../domain';
import type { EventStore, NewEvent } from '../../event-store/types';
import { streamIdOf } from '../../workflows/definitions';

export interface RecordedPermit {
  caseId: string;
  idNumber: string;
  name: string;
  /** The residence county office (it decides and issues). */
  office: string;
  /** The office of the applicant's hukou (in another city). */
  hukouOffice: string;
  /** ISO instant of lodging; the permit is issued the next day. */
  lodgedAt: string;
  /** Endorsements are made on time every year until this instant. */
  endorsedUntil: string;
}

const DAY_MS = 86_400_000;
const plus = (at: string, days: number) => new Date(Date.parse(at) + days * DAY_MS).toISOString();

/** The permit case's events, in order, as the domain decides them. */
export function recordedPermitEvents(p: RecordedPermit): CaseEvent[] {
  const env = { calendar: cnCalendar, reference: defaultReferenceSet() };
  const station: Actor = { id: `cw-${p.office}`, role: 'caseworker', office: p.office };
  let events: CaseEvent[] = decideOpen(
    residencePermit,
    {
      type: 'residence-permit',
      channel: 'window',
      receivingOffice: p.office,
      applicant: { name: p.name, idNumber: p.idNumber },
      materials: ['application form'],
      details: { residenceOffice: p.office, basis: 'home', delivery: 'pickup' },
    },
    { caseId: p.caseId, actor: station, at: p.lodgedAt, policy: policyFor(residencePermit), ...env },
  );
  const state = () => fold(residencePermit, events) as CaseState;
  const answers: Record<string, TaskOutcome> = {
    'population-register': { ok: true, value: { ok: true, detail: 'registered', facts: { hukouOffice: p.hukouOffice } } },
    'residence-registration': { ok: true, value: { ok: true, detail: 'registered', facts: { since: plus(p.lodgedAt, -400).slice(0, 10) } } },
    home: { ok: true, value: { ok: true, detail: 'rental filed', facts: { kind: 'rental-filing', since: plus(p.lodgedAt, -400).slice(0, 10) } } },
    'photo-lookup': { ok: true, value: { found: false } },
  };
  const checkedAt = plus(p.lodgedAt, 1 / 24 / 60);
  for (const task of pendingTasks(residencePermit, state())) {
    events = [...events, ...decideTaskResult(residencePermit, state(), task, answers[task.key], checkedAt, env)];
  }
  const act = (action: string, payload: unknown, at: string) => {
    events = [...events, ...decideAction(residencePermit, state(), action, payload, { actor: station, at, ...env })];
  };
  act('capture-photo', { photo: 'new' }, plus(p.lodgedAt, 0.01));
  act('accept', {}, plus(p.lodgedAt, 0.02));
  act('approve', {}, plus(p.lodgedAt, 1));
  act('deliver-permit', {}, plus(p.lodgedAt, 2));
  for (;;) {
    const permit = (state() as ResidencePermitCase).progress.permit!;
    const endorseAt = plus(`${permit.anniversary}T02:00:00.000Z`, -10);
    if (endorseAt > p.endorsedUntil) break;
    events = [...events, ...decideTimers(residencePermit, state(), endorseAt, env)];
    act('endorse', {}, endorseAt);
  }
  return events;
}

/** Business days from a permit's lodging to a moment in its endorsement window: issued the next day, due 20 days on. */
const WINDOW_AGE_DAYS = 1 + 366 - 20;

/**
 * A permit whose endorsement window is open at `now` (a month before its first anniversary, about 20 days of it left),
 * for a child filing that must find one: lodged as long before as a system running business time `timeScale` times
 * faster (SLA_TIME_SCALE, counted from each case's lodging: workflows/business-clock.ts) needs for that window, a year
 * at scale 1, five minutes at 100 000, and its `EndorsementDue` recorded. A run that restores the case from its stream
 * (a filing told to it) then finds business time where the stream left it, and the window still open, or, at a high
 * scale and a slow lodging, the permit suspended: endorsed late, the filing completes either way (docs/domain.md §7.4).
 */
export function permitInEndorsementWindow(p: Omit<RecordedPermit, 'lodgedAt' | 'endorsedUntil'> & { now: number; timeScale: number }): CaseEvent[] {
  const ageMs = WINDOW_AGE_DAYS * DAY_MS;
  const lodgedMs = p.now - ageMs / p.timeScale;
  const lodgedAt = new Date(lodgedMs).toISOString();
  // No endorsement before the first anniversary: the loop in recordedPermitEvents records none.
  const events = recordedPermitEvents({ ...p, lodgedAt, endorsedUntil: lodgedAt });
  const env = { calendar: cnCalendar, reference: defaultReferenceSet() };
  const due = decideTimers(residencePermit, fold(residencePermit, events) as CaseState, new Date(lodgedMs + ageMs).toISOString(), env);
  return [...events, ...due];
}

/**
 * The events as the workflow writes them to the case's stream, with their metadata: ids fixed here, so that appending
 * the same batch again (a retry whose first answer was lost) is the store's idempotent repeat, not a second copy.
 */
export function recordedCaseBatch(events: CaseEvent[], actor: Actor): NewEvent[] {
  const correlationId = randomUUID();
  return events.map((e) => ({
    id: randomUUID(),
    type: e.type,
    data: e.data,
    metadata: {
      ...(e.clocks ? { clocks: e.clocks } : {}),
      ...(e.documents ? { documents: e.documents } : {}),
      actor: actor.id,
      role: actor.role,
      office: actor.office,
      at: e.at,
      commandId: randomUUID(),
      correlationId,
    },
  }));
}

/** Appends the events to the case's stream with the metadata the workflow writes. */
export async function appendRecordedCase(store: EventStore, caseId: string, events: CaseEvent[], actor: Actor): Promise<void> {
  await store.append(streamIdOf(caseId), recordedCaseBatch(events, actor), { expectedVersion: 'no-stream' });
}
