import { simulatedCall, type SimulationOptions } from './simulation';

/**
 * A notarised power of attorney (公證委託書) as the notarial register records it: who gave it to whom, for which
 * matters, and whether it was revoked (民法典 arts 165, 173).
 */
export interface PowerOfAttorneyRecord {
  reference: string;
  /** The ID or passport number of the person who gave it (the applicant of the case). */
  principal: string;
  /** The ID or passport number of the agent it was given to. */
  agent: string;
  /** The matters it covers, as the case types name them ('no-criminal-record'). */
  matters: readonly string[];
  revoked: boolean;
}

/** The notarial register (公證機構的公證書登記), asked by the reference of the deed. */
export interface PowerOfAttorneyRegistry {
  lookup(reference: string): Promise<PowerOfAttorneyRecord | null>;
}

/**
 * Deeds the local register holds, for demos and tests: a valid one for a no-criminal-record request (a Guangzhou
 * resident's, to an agent in Shanghai), one that was revoked, one for another matter, and two (valid, revoked) for
 * household-registration certificates.
 */
export const LOCAL_POWERS_OF_ATTORNEY: readonly PowerOfAttorneyRecord[] = [
  { reference: '(2026)粵廣州天河證字第1201號', principal: '440106199003071231', agent: '310101198507070018', matters: ['no-criminal-record'], revoked: false },
  { reference: '(2026)粵廣州天河證字第1202號', principal: '440106199003071231', agent: '310101198507070018', matters: ['no-criminal-record'], revoked: true },
  { reference: '(2026)粵廣州天河證字第1203號', principal: '440106199003071231', agent: '310101198507070018', matters: ['property-sale'], revoked: false },
  // The same principal and agent, for household-registration certificates: one in force, one revoked.
  {
    reference: '(2026)粵廣州天河證字第1204號',
    principal: '440106199003071231',
    agent: '310101198507070018',
    matters: ['household-certificate'],
    revoked: false,
  },
  {
    reference: '(2026)粵廣州天河證字第1205號',
    principal: '440106199003071231',
    agent: '310101198507070018',
    matters: ['household-certificate'],
    revoked: true,
  },
];

/** A local register holding the given deeds (LOCAL_POWERS_OF_ATTORNEY by default); any other reference is unknown. */
export function createLocalPowerOfAttorneyRegistry(options: SimulationOptions & { records?: readonly PowerOfAttorneyRecord[] } = {}): PowerOfAttorneyRegistry {
  const records = options.records ?? LOCAL_POWERS_OF_ATTORNEY;
  return {
    lookup: (reference) => simulatedCall('power-of-attorney', options, () => records.find((r) => r.reference === reference) ?? null),
  };
}
