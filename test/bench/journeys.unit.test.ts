import { nextJourney } from '../../bench/api/journeys';
import type { OpenCaseInput } from '../../domain';

/** What the possible-duplicates check matches an opening on: its type and the applicant's number, or its record. */
const duplicateKey = ({ type, applicant, details }: OpenCaseInput) => {
  const birthCertificateNo = (details as { birthCertificateNo?: string } | undefined)?.birthCertificateNo;
  return `${type}:${applicant.idNumber ?? applicant.passportNo ?? birthCertificateNo ?? ''}`;
};

describe('bench/api/journeys', () => {
  it('gives every opening of a type its own person across a whole benchmark run', () => {
    // A full run opened up to about 2,600 cases (2026-12-03); 3,000 journeys is well past the point where a count over
    // all types repeated a person (the 1,001st journey), and each type stays under a thousand openings.
    const openings = Array.from({ length: 3_000 }, (_, i) => nextJourney(i))
      .flatMap((journey) => journey.filter((step) => step.action === undefined && step.recordedParent === undefined))
      .map((step) => step.body as OpenCaseInput);
    const keys = openings.map(duplicateKey);
    const repeated = keys.filter((key, i) => keys.indexOf(key) !== i);
    expect(openings.length).toBeGreaterThan(2_500);
    expect(repeated).toEqual([]);
  });

  it("opens a child's case about the person of the parent it opened first", () => {
    const journey = Array.from({ length: 100 }, (_, i) => nextJourney(i)).find((j) => j.filter((step) => step.action === undefined).length === 2);
    const [parent, child] = journey!.filter((step) => step.action === undefined).map((step) => step.body as OpenCaseInput);
    expect(child.applicant.idNumber).toBe(parent.applicant.idNumber);
  });
});
