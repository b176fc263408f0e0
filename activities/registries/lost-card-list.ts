import { simulatedCall, type SimulationOptions } from './simulation';

/**
 * The national list of lost resident ID cards (居民身份證掛失信息, consulted wherever a card is checked): a card reported
 * lost is listed at once [news: MPS 2015 opinion 掛失申報]. Listing is a write: asked again for the same case, it
 * answers with the entry it made.
 */
export interface LostCardList {
  list(request: { caseId: string; idNumber: string; office: string; reportedOn: string }): Promise<{ entryNumber: string }>;
  /** Whether the card of this ID number is listed as lost. */
  isListed(idNumber: string): Promise<boolean>;
}

/** A local list in memory (one worker process), with the registers' realistic latency and transient failures. */
export function createLocalLostCardList(options: SimulationOptions = {}): LostCardList {
  const byCase = new Map<string, string>();
  const listed = new Set<string>();
  let next = 0;
  return {
    list: ({ caseId, idNumber, office, reportedOn }) =>
      simulatedCall('lost-card list', options, () => {
        const known = byCase.get(caseId);
        if (known) return { entryNumber: known };
        next += 1;
        const entryNumber = `GS${office}${reportedOn.replace(/-/g, '')}${String(next).padStart(6, '0')}`;
        byCase.set(caseId, entryNumber);
        listed.add(idNumber);
        return { entryNumber };
      }),
    isListed: (idNumber) => simulatedCall('lost-card list', options, () => listed.has(idNumber)),
  };
}
