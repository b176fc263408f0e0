import { decideTaskResult, decideTaskResults, fold, multiEntryVisa, pendingTasks, type CaseEvent, type CaseState, type TaskOutcome } from '../../../domain';
import { caseworker, multiEntryVisaAt, opened, testEnv } from '../support/given';

/**
 * The register checks a command made due are asked together and recorded in one append (workflows/case-workflow.ts,
 * answerChecks): what they record must be what the same answers record one after another.
 */
const OFFICE = '440106';
const at = '2026-11-25T02:00:00.000Z';
const lodged = () => opened(multiEntryVisa, multiEntryVisaAt(OFFICE), caseworker(OFFICE), at);
const stateOf = (events: CaseEvent[]) => fold(multiEntryVisa, events) as CaseState;
const confirmed: TaskOutcome = { ok: true, value: { ok: true, detail: 'found' } };
const contradicted: TaskOutcome = { ok: true, value: { ok: false, detail: 'not on record' } };

describe('register checks answered together', () => {
  it('given a lodged case with checks pending, when they are answered together, then it records what answering them one by one records', () => {
    const events = lodged();
    const checks = pendingTasks(multiEntryVisa, stateOf(events));
    expect(checks.length).toBeGreaterThan(1);
    const results = checks.map((task, i) => ({ task, outcome: i === 0 ? contradicted : confirmed }));

    const together = decideTaskResults(multiEntryVisa, stateOf(events), results, at, testEnv);

    const oneByOne: CaseEvent[] = [];
    for (const { task, outcome } of results) oneByOne.push(...decideTaskResult(multiEntryVisa, stateOf([...events, ...oneByOne]), task, outcome, at, testEnv));
    expect(together).toEqual(oneByOne);
    expect(together.filter((e) => e.type === 'RecordsVerified')).toHaveLength(checks.length);
    expect(pendingTasks(multiEntryVisa, stateOf([...events, ...together]))).toEqual([]);
  });

  it('given the same check answered twice in one batch, then it is recorded once, as the first answer says', () => {
    const events = lodged();
    const [check] = pendingTasks(multiEntryVisa, stateOf(events));
    const together = decideTaskResults(
      multiEntryVisa,
      stateOf(events),
      [
        { task: check, outcome: contradicted },
        { task: check, outcome: confirmed },
      ],
      at,
      testEnv,
    );
    expect(together.filter((e) => e.type === 'RecordsVerified')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ key: check.key, ok: false }) }),
    ]);
  });

  it('given no answers, then nothing is recorded', () => {
    expect(decideTaskResults(multiEntryVisa, stateOf(lodged()), [], at, testEnv)).toEqual([]);
  });
});
