import type { TestSystem } from './system';

/**
 * Replays a case over HTTP at every instant its history names, and 1 ms before each: `GET /cases/{id}/state?at=`
 * must answer the version that instant implies (the events recorded at or before it), 404 before the first,
 * never a 500. Business time must not go backwards along the stream either. Returns the instants checked.
 */
export async function expectStateAtEveryInstant(sys: TestSystem, caseId: string, token: string): Promise<number> {
  const events = (await sys.request('GET', `/cases/${caseId}/history`, { token })).body.events as { version: number; metadata: { at: string } }[];
  const ats = events.map((e) => Date.parse(e.metadata.at));
  ats.slice(1).forEach((t, i) => expect({ caseId, version: i + 2, backwards: t < ats[i] }).toEqual({ caseId, version: i + 2, backwards: false }));
  const instants = [...new Set(ats.flatMap((at) => [at, at - 1]))];
  for (const t of instants) {
    const expected = ats.filter((a) => a <= t).length;
    const r = await sys.request('GET', `/cases/${caseId}/state?at=${new Date(t).toISOString()}`, { token });
    expect({ caseId, t, status: r.status, version: r.body.version }).toEqual({
      caseId,
      t,
      status: expected === 0 ? 404 : 200,
      version: expected === 0 ? undefined : expected,
    });
  }
  return instants.length;
}
