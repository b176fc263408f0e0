import type { SqlClient } from '../../event-store/postgres/sql-client';
import { sharedReads } from '../../event-store/postgres/shared-reads';
import { Wakeups } from '../../event-store/postgres/wakeups';
import type { ReadAllOptions, RecordedEvent } from '../../event-store/types';

/** A read whose answers the test releases: counts the queries the subscriptions would have run. */
function controlledRead() {
  const calls: { options: ReadAllOptions; answer: (events: RecordedEvent[]) => void }[] = [];
  const read = (options: ReadAllOptions) => new Promise<RecordedEvent[]>((answer) => calls.push({ options, answer }));
  return { calls, read };
}

const event = (n: number) => ({ checkpoint: `c${n}` }) as unknown as RecordedEvent;
// Only notify() is used here: no listening, no announcing, so no database.
const wakeups = () => new Wakeups({} as SqlClient, 'unused');

describe('shared subscription reads', () => {
  it('answers identical reads started since the same wake-up with one query, each caller its own array', async () => {
    const { calls, read } = controlledRead();
    const shared = sharedReads(read, wakeups());
    const options = { after: 'c0', limit: 500, categories: ['case'] };
    const reads = [shared(options), shared({ ...options }), shared({ ...options })];
    expect(calls).toHaveLength(1);
    calls[0].answer([event(1), event(2)]);
    const answers = await Promise.all(reads);
    expect(answers.map((a) => a.map((e) => e.checkpoint))).toEqual([
      ['c1', 'c2'],
      ['c1', 'c2'],
      ['c1', 'c2'],
    ]);
    expect(answers[0]).not.toBe(answers[1]);
  });

  it('runs a read of its own after a wake-up, from another checkpoint or filter, and once the earlier read has answered', async () => {
    const { calls, read } = controlledRead();
    const w = wakeups();
    const shared = sharedReads(read, w);
    const options = { after: 'c0', limit: 500, categories: ['case'] };
    const first = shared(options);
    w.notify(); // an append announced after the first read began: it may not be in its answer
    const afterWake = shared(options);
    const otherCheckpoint = shared({ ...options, after: 'c1' });
    const otherFilter = shared({ ...options, types: ['CaseOpened'] });
    expect(calls).toHaveLength(4);
    for (const c of calls) c.answer([]);
    await Promise.all([first, afterWake, otherCheckpoint, otherFilter]);
    const later = shared(options);
    expect(calls).toHaveLength(5);
    calls[4].answer([event(3)]);
    expect((await later).map((e) => e.checkpoint)).toEqual(['c3']);
  });

  it('gives every joined caller the failure, and the next read runs again', async () => {
    const calls: number[] = [];
    let fail = true;
    const shared = sharedReads(async () => {
      calls.push(1);
      if (fail) throw new Error('connection lost');
      return [event(1)];
    }, wakeups());
    const options = { after: 'c0', limit: 500 };
    const results = await Promise.allSettled([shared(options), shared(options)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await shared(options)).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });
});
