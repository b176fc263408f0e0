import { caseTypes, openCaseSchema } from '../../domain';
import { caseSamples, SAMPLE_OFFICES, sampleEntries } from '../support/case-samples';
import { caseworker, opened } from './support/given';

/**
 * The sample openings the cross-cutting tests, the fault suite and the benchmark lodge (test/support/case-samples.ts):
 * valid for their type at the window of 440106 today, whatever `n`, and one for every registered type.
 */
describe('case samples', () => {
  it('has a sample for every registered case type', () => {
    expect(Object.keys(caseSamples).sort()).toEqual(Object.keys(caseTypes).sort());
  });

  it.each(sampleEntries())('given the %s sample, when the window of 440106 lodges it, then the case is opened', (type, sample) => {
    for (const n of [0, 1, 999]) {
      const body = openCaseSchema.parse(sample.body(n));
      const events = opened(caseTypes[type], body, caseworker(SAMPLE_OFFICES.window), new Date().toISOString());
      expect(events[0]).toMatchObject({ type: 'CaseOpened' });
    }
    expect(sample.path.length).toBeGreaterThan(0);
  });
});
