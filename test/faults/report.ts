// The fault suite's report: one row per fault kind (times injected, commands affected, lost, duplicated,
// stuck, 5xx answers, recovery time), the checks that are not per fault, and last the summary line.
import type { Attempt, CaseRecord, Client } from './client';
import type { ReadModelDifference, StoreVerdict } from './verify';

export const FAULT_KINDS = ['worker SIGKILL', 'API SIGKILL', 'API SIGTERM', 'Temporal SIGKILL', 'PostgreSQL stop', 'worker frozen'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Injection {
  kind: FaultKind;
  round: number;
  /** Commands in flight when it was injected. */
  inFlight: number;
  injectedAt: number;
  /** When the fault had taken hold (the process gone, the server stopped). */
  effectiveAt: number;
  /** When the process was started again (or thawed). */
  resumedAt: number;
  /** /health 200 again and a command sent after the fault acknowledged. */
  recoveredAt?: number;
  /** Worker faults: how long /health took to turn 503. */
  healthDownMs?: number;
  /** API SIGTERM: how the API exited (a rolling restart must end in exit code 0). */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

/** What a client may meet in a rolling restart: an answer, or a refused connection (it never reached the API). */
const cutOff = (a: Attempt) => a.status === undefined && a.error !== 'ECONNREFUSED';

export interface ReportInput {
  injections: Injection[];
  attempts: Attempt[];
  serverErrors: Client['serverErrors'];
  verdict: StoreVerdict;
  stuck: CaseRecord[];
  cases: CaseRecord[];
  crashes: string[];
  integrity: string[];
  readModels: ReadModelDifference[];
  unexpected: string[];
  /** Other problems the run itself noticed (injections skipped). */
  notes: string[];
  deadlineMs: number;
  healthWithinMs: number;
  minutes: number;
}

/** The window a fault counts for: from injection until recovered (or, if it never did, until the end). */
const windowOf = (i: Injection) => ({ from: i.injectedAt, to: i.recoveredAt ?? Infinity });
const overlaps = (a: Attempt, i: Injection) => a.startedAt <= windowOf(i).to && a.endedAt >= windowOf(i).from;
const seconds = (ms: number) => (ms / 1000).toFixed(1);

export function formatReport(input: ReportInput): { text: string; failed: boolean } {
  const { injections, attempts, verdict } = input;
  const lines: string[] = [];
  const problems: string[] = [];
  const lostIds = new Set(verdict.lostCommands.map((c) => c.commandId));
  const duplicatedIds = new Set(verdict.duplicatedCommands.map((c) => c.commandId));
  const stuckCases = new Set(input.stuck.map((c) => c.caseId));

  const rows: string[][] = [];
  for (const kind of FAULT_KINDS) {
    const ofKind = injections.filter((i) => i.kind === kind);
    const hit = attempts.filter((a) => ofKind.some((i) => overlaps(a, i)));
    const commands = new Set(hit.map((a) => a.commandId));
    const casesHit = new Set(hit.map((a) => a.caseId));
    const fiveXx = input.serverErrors.filter((e) => ofKind.some((i) => e.at >= windowOf(i).from && e.at <= windowOf(i).to)).length;
    const recoveries = ofKind.map((i) => (i.recoveredAt === undefined ? undefined : i.recoveredAt - i.injectedAt));
    const known = recoveries.filter((r): r is number => r !== undefined).sort((a, b) => a - b);
    rows.push([
      kind,
      String(ofKind.length),
      String(commands.size),
      String([...commands].filter((id) => lostIds.has(id)).length),
      String([...commands].filter((id) => duplicatedIds.has(id)).length),
      String([...casesHit].filter((id) => stuckCases.has(id)).length),
      String(fiveXx),
      known.length === 0 ? '-' : `${seconds(known[0])}–${seconds(known[known.length - 1])}`,
    ]);
    for (const i of ofKind) {
      const affected = new Set(attempts.filter((a) => overlaps(a, i)).map((a) => a.commandId)).size;
      if (i.inFlight === 0) problems.push(`${kind} #${i.round + 1}: no command in flight when injected`);
      if (affected === 0) problems.push(`${kind} #${i.round + 1}: no command affected`);
      if (i.recoveredAt === undefined) problems.push(`${kind} #${i.round + 1}: the system did not recover in time`);
      if (kind === 'API SIGTERM') {
        // A rolling restart: every request answered (those in flight) or told 503 (new ones), or its connection refused
        // once the listener closed; none reset or left unanswered. And the API stops cleanly.
        const cut = attempts.filter((a) => overlaps(a, i) && cutOff(a));
        if (cut.length > 0) problems.push(`${kind} #${i.round + 1}: ${cut.length} requests cut off (${[...new Set(cut.map((a) => a.error))].join(', ')})`);
        if (i.exit?.code !== 0) problems.push(`${kind} #${i.round + 1}: the API exited with ${JSON.stringify(i.exit ?? 'nothing')}, not 0`);
      }
      if (kind.startsWith('worker') && (i.healthDownMs === undefined || i.healthDownMs > input.healthWithinMs)) {
        problems.push(`${kind} #${i.round + 1}: /health did not turn 503 within ${input.healthWithinMs / 1000} s (${i.healthDownMs ?? 'never'} ms)`);
      }
    }
  }

  // Every 5xx (commands and reads) a 503 with Retry-After (problem+json), and no command held past the deadline.
  const bad5xx = input.serverErrors.filter((e) => e.status !== 503 || !e.retryAfter || !e.contentType.startsWith('application/problem+json'));
  for (const e of bad5xx.slice(0, 5)) problems.push(`${e.request} got ${e.status} (Retry-After ${e.retryAfter ?? 'missing'}, ${e.contentType})`);
  if (bad5xx.length > 5) problems.push(`… ${bad5xx.length - 5} more 5xx that were not 503 with Retry-After`);
  const answered = attempts.filter((a) => a.status !== undefined || a.error === 'timeout');
  const slowest = answered.reduce((max, a) => Math.max(max, a.endedAt - a.startedAt), 0);
  const overDeadline = answered.filter((a) => a.endedAt - a.startedAt > input.deadlineMs);
  if (overDeadline.length > 0) problems.push(`${overDeadline.length} commands waited longer than ${input.deadlineMs / 1000} s (slowest ${seconds(slowest)} s)`);
  for (const line of input.integrity.slice(0, 5)) problems.push(`integrity: ${line}`);
  for (const d of input.readModels) if (d.differingRows > 0) problems.push(`read model ${d.readModel}: ${d.differingRows} rows differ from a rebuild`);
  for (const line of input.unexpected.slice(0, 5)) problems.push(`unexpected answer: ${line}`);
  for (const c of input.stuck.slice(0, 5)) problems.push(`stuck: ${c.type} ${c.caseId}: ${c.abandoned ?? 'not completed'}`);
  for (const c of verdict.lostCommands.slice(0, 5)) problems.push(`lost: ${c.command} on ${c.caseId} (command ${c.commandId})`);
  for (const c of verdict.duplicatedCommands.slice(0, 5)) problems.push(`duplicated: ${c.command} on ${c.caseId} (command ${c.commandId})`);
  for (const s of verdict.brokenStreams.slice(0, 5)) problems.push(`versions missing in ${s}`);
  problems.push(...input.crashes, ...input.notes);

  const acked = new Set(attempts.filter((a) => a.status !== undefined && a.status < 300).map((a) => a.commandId)).size;
  const byType = new Map<string, number>();
  for (const c of input.cases) byType.set(c.type, (byType.get(c.type) ?? 0) + (c.completed ? 1 : 0));
  lines.push('');
  lines.push(`# fault suite: ${seconds(input.minutes * 60_000)} s, ${attempts.length} command attempts, ${acked} commands acknowledged`);
  lines.push(`# 5xx answers: ${input.serverErrors.length}, of which ${input.serverErrors.length - bad5xx.length} were 503 with Retry-After`);
  lines.push(`# cases completed: ${[...byType].map(([t, n]) => `${t} ${n}`).join(', ')} (of ${input.cases.length} opened)`);
  lines.push(
    `# slowest answer ${seconds(slowest)} s (deadline ${input.deadlineMs / 1000} s with margin); /health turned 503 after a worker fault within ${seconds(
      Math.max(0, ...injections.filter((i) => i.healthDownMs !== undefined).map((i) => i.healthDownMs!)),
    )} s at most`,
  );
  lines.push(`# read models equal to a rebuild: ${input.readModels.map((d) => `${d.readModel} ${d.differingRows === 0 ? 'yes' : 'NO'}`).join(', ')}`);
  lines.push(`# integrity ok: ${input.cases.length - input.integrity.length}/${input.cases.length} cases`);
  for (const p of problems) lines.push(`! ${p}`);
  lines.push('');
  const header = ['fault', 'times', 'commands affected', 'lost', 'duplicated', 'stuck', '5xx', 'recovery (s)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  lines.push(row(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(row));
  lines.push('');
  const summary = { lost: verdict.lost, duplicated: verdict.duplicated, stuck: input.stuck.length, crashed: input.crashes.length };
  lines.push(`lost=${summary.lost} duplicated=${summary.duplicated} stuck=${summary.stuck} crashed=${summary.crashed}`);
  const failed = problems.length > 0 || Object.values(summary).some((n) => n > 0);
  return { text: lines.join('\n') + '\n', failed };
}
