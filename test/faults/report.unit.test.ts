import type { Attempt } from './client';
import { FAULT_KINDS, formatReport, type Injection, type ReportInput } from './report';

// The fault suite's judgement of a rolling restart of the API (SIGTERM): what a client may meet, and how it must end.
describe('fault report: API SIGTERM', () => {
  const t0 = 1_000_000;
  const attempt = (n: number, outcome: Partial<Attempt>): Attempt => ({
    command: 'request-materials',
    caseId: `case-${n}`,
    commandId: `command-${n}`,
    startedAt: t0 + 100 * n,
    endedAt: t0 + 100 * n + 50,
    ...outcome,
  });
  // Every kind injected once and healed, so that only what each case adds is judged.
  const injections = (restart: Partial<Injection>): Injection[] =>
    FAULT_KINDS.map((kind, k) => ({
      kind,
      round: 0,
      inFlight: 1,
      injectedAt: kind === 'API SIGTERM' ? t0 : t0 + 1_000_000 * (k + 1),
      effectiveAt: kind === 'API SIGTERM' ? t0 + 600 : t0 + 1_000_000 * (k + 1),
      resumedAt: kind === 'API SIGTERM' ? t0 + 1_000 : t0 + 1_000_000 * (k + 1),
      recoveredAt: kind === 'API SIGTERM' ? t0 + 2_000 : t0 + 1_000_000 * (k + 1) + 10,
      healthDownMs: 100,
      ...(kind === 'API SIGTERM' ? restart : {}),
    }));
  // One command in each other kind's window, so that none is reported as affecting nothing.
  const elsewhere = FAULT_KINDS.flatMap((kind, k) =>
    kind === 'API SIGTERM' ? [] : [{ ...attempt(100 + k, { status: 200 }), startedAt: t0 + 1_000_000 * (k + 1) - 5, endedAt: t0 + 1_000_000 * (k + 1) + 5 }],
  );
  const report = (attempts: Attempt[], restart: Partial<Injection> = { exit: { code: 0, signal: null } }) => {
    const input: ReportInput = {
      injections: injections(restart),
      attempts: [...attempts, ...elsewhere],
      serverErrors: [],
      verdict: { lost: 0, duplicated: 0, lostCommands: [], duplicatedCommands: [], brokenStreams: [] },
      stuck: [],
      cases: [],
      crashes: [],
      integrity: [],
      readModels: [],
      unexpected: [],
      notes: [],
      deadlineMs: 12_000,
      healthWithinMs: 5_000,
      minutes: 1,
    };
    return formatReport(input);
  };
  const problems = (r: { text: string }) => r.text.split('\n').filter((l) => l.startsWith('! '));

  it('passes a restart where every request was answered, told 503 or refused a connection, and the API exited 0', () => {
    const r = report([attempt(1, { status: 200 }), attempt(2, { status: 503, retryAfter: '5' }), attempt(3, { error: 'ECONNREFUSED' })]);
    expect(problems(r)).toEqual([]);
    expect(r.failed).toBe(false);
  });

  it('fails a restart that reset a connection or left a request unanswered', () => {
    const r = report([attempt(1, { status: 200 }), attempt(2, { error: 'ECONNRESET' }), attempt(3, { error: 'UND_ERR_SOCKET' })]);
    expect(problems(r)).toEqual(['! API SIGTERM #1: 2 requests cut off (ECONNRESET, UND_ERR_SOCKET)']);
    expect(r.failed).toBe(true);
  });

  it('fails a restart in which the API did not exit 0', () => {
    const r = report([attempt(1, { status: 200 })], { exit: { code: 1, signal: null } });
    expect(problems(r)).toEqual(['! API SIGTERM #1: the API exited with {"code":1,"signal":null}, not 0']);
    expect(r.failed).toBe(true);
  });
});
