import type { TestSystem } from '../../support/system';

/**
 * Opening, acting on and reading cases over HTTP as one caller, for journeys. `system` is read at each call: tests
 * start their system in `beforeAll`. `opened` lists every case opened, for the tests' final sweeps.
 */
export function caseClient(system: () => TestSystem) {
  const opened: string[] = [];
  const open = async (token: string, body: unknown) => {
    const r = await system().request('POST', '/cases', { token, body });
    if (r.status !== 201) throw new Error(`open failed: ${r.status} ${JSON.stringify(r.body)}`);
    opened.push(r.body.caseId as string);
    return r.body.caseId as string;
  };
  const act = async (caseId: string, token: string, action: string, body: unknown = {}, expected = 200) => {
    const r = await system().request('POST', `/cases/${caseId}/actions/${action}`, { token, body });
    expect({ action, status: r.status, detail: r.body.detail }).toMatchObject({ action, status: expected });
    return r.body;
  };
  const view = async (caseId: string, token: string) => (await system().request('GET', `/cases/${caseId}`, { token })).body;
  return { opened, open, act, view };
}
