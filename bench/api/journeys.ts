import { idNumberCheckCharacter } from '../../domain/registers/id-number';
import type { Sent } from './open-loop';

/** A realistic mix of the four case types, each a sequence of HTTP commands a caseworker sends. */
export interface Step {
  token: 'window' | 'origin' | 'residence';
  action?: string; // absent: open the case
  body: unknown;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const COMPANY = '91440106MA59ABCD1M';
let n = 0;
const passport = () => `BN${String(++n).padStart(7, '0')}`;
/** A valid ID number with a new sequence number each time: no case is held as a possible duplicate of another. */
const idNumber = (divisionAndBirth: string) => {
  const first17 = divisionAndBirth + String(++n % 1000).padStart(3, '0');
  return first17 + idNumberCheckCharacter(first17);
};

const portVisa = (): Step[] => [
  {
    token: 'window',
    body: {
      type: 'port-visa',
      channel: 'window',
      receivingOffice: '440106',
      applicant: { name: 'Visitor', passportNo: passport(), nationality: 'DEU' },
      materials: ['passport'],
      details: { port: 'Guangzhou Baiyun Airport', purpose: 'business', invitingCompany: { creditCode: COMPANY, name: 'Co' }, intendedStayDays: 14 },
    },
  },
  // Accepted at lodging (docs/domain.md §4): no accept step.
  { token: 'window', action: 'approve', body: {} },
];

const multiEntry = (): Step[] => [
  {
    token: 'window',
    body: {
      type: 'multi-entry-visa',
      channel: 'window',
      receivingOffice: '440106',
      applicant: { name: 'Visitor', passportNo: passport(), nationality: 'FRA' },
      materials: ['passport'],
      details: {
        currentVisa: { type: 'M', entryDate: day(-3), stayUntil: day(20) },
        invitingCompany: { creditCode: COMPANY, name: 'Co' },
        requestedValidityYears: 3,
        passportValidUntil: '2031-05-31',
      },
    },
  },
  { token: 'window', action: 'accept', body: {} },
  { token: 'window', action: 'approve', body: {} },
];

const hukou = (): Step[] => [
  {
    token: 'window',
    body: {
      type: 'hukou-migration',
      channel: 'cross-province',
      receivingOffice: '440106',
      applicant: { name: '李娜', idNumber: idNumber('31010119920506') },
      materials: ['form'],
      details: {
        // Talent introduction: admitted without points, so every journey can be approved (Guangzhou admits by points).
        category: 'talent',
        fromOffice: '310101',
        toOffice: '440106',
        destinationCity: { code: '440100' },
        residenceYears: 2,
        socialInsuranceYears: 2,
      },
    },
  },
  { token: 'window', action: 'accept', body: {} },
  { token: 'window', action: 'approve', body: {} },
  { token: 'origin', action: 'confirm-move-out', body: {} },
  { token: 'window', action: 'register-settlement', body: {} },
];

const idCard = (): Step[] => [
  {
    token: 'residence',
    body: {
      type: 'first-id-card',
      channel: 'window',
      receivingOffice: '440104',
      applicant: { name: '王小明', idNumber: idNumber('44010620100203'), birthDate: '2010-02-03' },
      materials: ['hukou booklet'],
      details: { hukouOffice: '440106', residenceOffice: '440104', delivery: 'pickup' },
    },
  },
  { token: 'residence', action: 'accept', body: {} },
  { token: 'residence', action: 'capture-biometrics', body: { photo: 'new' } },
];

/** Weights after the figures of domain.md §6: hukou and ID cards dominate, visas are fewer. */
const MIX: [() => Step[], number][] = [
  [hukou, 4],
  [idCard, 3],
  [portVisa, 2],
  [multiEntry, 1],
];

export function nextJourney(i: number): Step[] {
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  let k = i % total;
  for (const [make, w] of MIX) {
    if (k < w) return make();
    k -= w;
  }
  return portVisa();
}

/**
 * Turns journeys into arrivals: each arrival sends the next step of a journey whose previous step has
 * answered, or starts a new journey. `start` says what it sent and returns the journey in flight
 * (undefined: refused); `advance` sends its next step and returns what is left of it (undefined: finished).
 */
export function journeyArrivals<J>(
  start: (n: number) => Promise<{ sent: Sent; journey?: J }>,
  advance: (journey: J) => Promise<{ sent: Sent; left?: J }>,
): Arrivals {
  let ready: J[] = [];
  let started = 0;
  const send = async () => {
    const next = ready.shift();
    if (next === undefined) {
      const { sent, journey } = await start(started++);
      if (journey !== undefined) ready.push(journey);
      return sent;
    }
    const { sent, left } = await advance(next);
    if (left !== undefined) ready.push(left);
    return sent;
  };
  // Journeys left over from an overloaded step would otherwise fill the next one with actions only.
  return Object.assign(send, { reset: () => void (ready = []) });
}

/** The next arrival's command; `reset` forgets the journeys in flight, so that a step starts with openings as in steady state. */
export type Arrivals = (() => Promise<Sent>) & { reset?: () => void };

/** Runs one command and says how long it took from send to answer, under the command's kind. */
export async function timed<T>(kind: string, fn: () => Promise<T>, ok: (value: T) => boolean): Promise<{ sent: Sent; value: T }> {
  const sentAt = performance.now();
  const value = await fn();
  return { sent: { ok: ok(value), kind, serviceMs: performance.now() - sentAt }, value };
}
