import { randomUUID } from 'node:crypto';
import { caseTypes, fold, openCaseSchema, parentLinkProblem, type CaseType } from '../../domain';
import { caseSamples, SAMPLE_OFFICES, sampleEntries } from '../support/case-samples';
import { caseworker, opened } from './support/given';

/** The card case a child sample names here: any id will do, the link is checked over HTTP. */
const PARENT_CASE_ID = '6f1c2b7e-3d4a-4e5f-9a8b-1c2d3e4f5a6b';

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
      // A child names its parent, opened first (below); the link itself is the API's to check.
      const body = openCaseSchema.parse({ ...sample.body(n), ...(sample.parent ? { parentCaseId: PARENT_CASE_ID } : {}) });
      const events = opened(caseTypes[type], body, caseworker(SAMPLE_OFFICES.window), new Date().toISOString());
      expect(events[0]).toMatchObject({ type: 'CaseOpened' });
    }
    // A filing completes by itself (its register effect); every other type needs a caseworker's steps.
    expect(sample.path.length > 0).toBe(!caseTypes[type].filing);
  });

  it.each(sampleEntries().filter(([, sample]) => sample.parent))(
    'given the %s sample, when the window of 440106 lodges its parent, then that case is opened, about the same person',
    (_type, sample) => {
      for (const n of [0, 1, 999]) {
        const parent = openCaseSchema.parse(sample.parent!.body(n));
        const events = opened(caseTypes[parent.type], parent, caseworker(SAMPLE_OFFICES.window), new Date().toISOString());
        expect(events[0]).toMatchObject({ type: 'CaseOpened' });
        expect(sample.body(n).applicant.idNumber).toBe(parent.applicant.idNumber);
      }
    },
  );

  // No run takes the parent this far over HTTP: the suites append it as recorded, and the API links the child to it.
  it.each(sampleEntries().filter(([, sample]) => sample.parent?.recorded))(
    'given the %s sample, when its parent is recorded at scale 1 or 100 000, then it is that case, and the child links to it',
    (type, sample) => {
      for (const timeScale of [1, 100_000]) {
        for (const n of [0, 999]) {
          const caseId = randomUUID();
          const parentType = caseTypes[sample.parent!.body(n).type as CaseType];
          const parent = fold(parentType, sample.parent!.recorded!(caseId, n, { now: Date.now(), timeScale }));
          expect(parent).toMatchObject({ caseId, type: parentType.type, receivingOffice: SAMPLE_OFFICES.window, applicant: sample.parent!.body(n).applicant });
          const child = openCaseSchema.parse({ ...sample.body(n), parentCaseId: caseId });
          expect({ timeScale, n, problem: parentLinkProblem(caseTypes[type], child, parent) }).toEqual({ timeScale, n, problem: null });
        }
      }
    },
  );
});
