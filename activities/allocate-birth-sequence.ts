import { ApplicationFailure } from '@temporalio/activity';
import { SequenceExhausted, type BirthSequenceAllocator } from './registries';
import type { CaseActivities } from './types';

/** The sequence code of a newborn's citizen ID number, from the population register; the same for a retried case. */
export const allocateBirthSequence =
  (allocator: BirthSequenceAllocator): CaseActivities['allocateBirthSequence'] =>
  async ({ caseId, countyCode, birthDate, sex }) => {
    try {
      return { sequence: await allocator.allocate({ caseId, countyCode, birthDate, sex }) };
    } catch (e) {
      // A day's numbers running out is an answer, not a transient fault: recorded, for a caseworker to act on.
      if (e instanceof SequenceExhausted) throw ApplicationFailure.nonRetryable(e.message, 'SequenceExhausted');
      throw e;
    }
  };
