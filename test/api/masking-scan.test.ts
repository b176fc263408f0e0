import { caseTypeModule, type CaseType } from '../../domain';
import { personalDataOf, SAMPLE_OFFICES, sampleEntries } from '../support/case-samples';
import { lodgeableSample } from '../support/sample-parents';
import { eventually, startTestSystem, type TestSystem } from '../support/system';
import { APPLICANT_ID, APPLICANT_NAME, hukouBody, openEventStream, openSettled, ORIGIN, OWN, portVisaBody, raw, type EventStream } from './support/fixtures';

/**
 * The masking scan (issue 12): every GET route rendered for every role, with the applicants' identifiers
 * seeded also into free text (materials, reasons, details), and everything an SLA monitor receives —
 * answers, error bodies, the alert stream — plus every role's error bodies and /metrics searched for the
 * identifiers, whole and in parts (any 6 characters in a row of an ID or passport number). Every registered case
 * type is in the scan with its sample opening (test/support/case-samples.ts), its parent case if it has one, and all the
 * people they name; a parent no run takes far enough over HTTP (the residence permit an endorsement is lodged for, in
 * its window eleven months after the issue) is recorded into the store as lodged long enough ago.
 */
describe('masking scan: no applicant identifier reaches an SLA monitor, an error body or the metrics', () => {
  const PASSPORT = 'C01X00T47';
  let sys: TestSystem;
  let stream: EventStream;
  let hukou: string;
  let visa: string;
  let visaDocument: { number: string; verificationCode: string };
  const secrets: string[] = [];
  /** One sample case of every registered type, lodged at 440106 and left waiting (its clocks run out). */
  const samples = new Map<CaseType, string>();
  /** The cases the child samples were lodged under (opened over HTTP, or recorded into the store): the same people. */
  const parents: string[] = [];

  beforeAll(async () => {
    sys = await startTestSystem('pglite', { SLA_TIME_SCALE: '100000' });
    stream = await openEventStream(`${sys.url}/sla/alerts`, await sys.token('sla-monitor', OWN, 'monitor-scan'));
    const caseworker = await sys.token('caseworker', OWN, 'officer-zhou');
    // Identifiers where people type them: the materials, the details, a reason.
    hukou = await openSettled(sys, caseworker, {
      ...hukouBody('window'),
      materials: [`ID card copy ${APPLICANT_ID}`, `application form of ${APPLICANT_NAME}`],
    });
    await sys.request('POST', `/cases/${hukou}/actions/assign`, { token: caseworker, body: { assignee: 'officer-zhou' } });
    const refused = await sys.request('POST', `/cases/${hukou}/actions/refuse-acceptance`, {
      token: caseworker,
      body: { reason: `${APPLICANT_NAME} (${APPLICANT_ID}) brought no property deed` },
    });
    expect(refused.status).toBe(200);
    visa = await openSettled(sys, caseworker, { ...portVisaBody(), materials: [`passport ${PASSPORT}`, 'invitation letter for Anna Schmidt'] });
    const approved = await sys.request('POST', `/cases/${visa}/actions/approve`, { token: caseworker, body: {} });
    expect(approved.status).toBe(200);
    visaDocument = approved.body.documents[0];
    // A third case, accepted at lodging and left waiting: its decision clock runs out, and the alert stream tells of it.
    const waiting = await openSettled(sys, caseworker, { ...portVisaBody(), materials: [`passport ${PASSPORT}`] });
    const full = (await sys.request('GET', `/cases/${hukou}`, { token: caseworker })).body;
    secrets.push(
      APPLICANT_ID,
      PASSPORT,
      APPLICANT_NAME,
      '张*',
      'Anna',
      'Schmidt',
      'officer-zhou',
      full.receipts[0].number,
      approved.body.documents[0].number,
      approved.body.documents[0].verificationCode,
      // Every 6 characters in a row, but the ID's first 6 digits: they are the birth region's division code,
      // which is also an office of the case (the move-out office) and so rightly everywhere.
      ...windows(APPLICANT_ID, 6).filter((w) => w !== ORIGIN),
      ...windows(PASSPORT, 6),
    );
    await Promise.all(
      sampleEntries().map(async ([type, sample]) => {
        const body = await lodgeableSample(sys, sample, 7);
        const opened = await sys.request('POST', '/cases', { token: caseworker, body });
        expect({ type, status: opened.status }).toEqual({ type, status: 201 });
        samples.set(type, opened.body.caseId);
        if (body.parentCaseId) parents.push(body.parentCaseId);
        const { identifiers, names } = personalDataOf(body);
        // Six digits that are an office's code are no one's: the birth region of an ID number is the office lodging it.
        const offices: string[] = [SAMPLE_OFFICES.window, SAMPLE_OFFICES.origin, ORIGIN];
        secrets.push(...identifiers, ...names, ...identifiers.flatMap((id) => windows(id, 6)).filter((w) => !offices.includes(w)));
      }),
    );
    // The alert stream has seen the visa's clocks run out (time runs 100 000 times faster here).
    await stream.waitFor((m) => m.some((x) => x.data.caseId === waiting), 20_000);
    // The read models have caught up with both cases.
    await eventually(async () => (await sys.request('GET', `/cases?office=${OWN}`, { token: caseworker })).body.items.length >= 2);
  }, 240_000);
  afterAll(async () => {
    stream?.close();
    await sys?.stop();
  });

  /** Every n-character window of a string. */
  function windows(s: string, n: number): string[] {
    return Array.from({ length: s.length - n + 1 }, (_, i) => s.slice(i, i + n));
  }
  // Case, command and correlation ids are random hex: six digits of an ID number turn up in one now and then.
  // They name no one, so they are blanked before the search (a whole identifier is never inside one).
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  const leaksIn = (text: string) => {
    const scanned = text.replace(UUID, '<uuid>');
    return secrets.filter((s) => scanned.includes(s));
  };

  const routes = () => [
    '/cases',
    `/cases?office=${OWN}`,
    `/cases/${hukou}`,
    `/cases/${visa}`,
    `/cases/${hukou}/history`,
    `/cases/${hukou}/state?version=1`,
    `/cases/${visa}/integrity`,
    `/cases/${hukou}/access-log`,
    `/queues/${OWN}`,
    '/sla/board',
    `/sla/board?office=${OWN}`,
    '/stats',
    '/cases/00000000-0000-4000-8000-000000000000',
    // The public verification answers for a document whose number and code the caller holds: no person in it.
    `/verify/${visaDocument.number}?code=${visaDocument.verificationCode}`,
    `/cases/${hukou}/state?version=999`,
    ...[...samples.values(), ...parents].flatMap((id) => [`/cases/${id}`, `/cases/${id}/history`, `/cases/${id}/state?version=1`]),
    ...[...samples.keys()].flatMap((type) => [`/cases?type=${type}`, `/sla/board?type=${type}`]),
  ];

  it('renders every GET route for every role; the SLA monitor’s answers and everyone’s errors hold no identifier', async () => {
    const leaks: string[] = [];
    let monitorAnswers = 0;
    for (const role of ['applicant', 'caseworker', 'supervisor', 'sla-monitor', 'admin'] as const) {
      const token = await sys.token(role, OWN, `scan-${role}`);
      for (const path of routes()) {
        const r = await raw(sys, 'GET', path, { token });
        const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        if (role === 'sla-monitor' && r.status === 200) monitorAnswers++;
        if (role === 'sla-monitor' || r.status >= 400) for (const s of leaksIn(text)) leaks.push(`${role} GET ${path} (${r.status}): ${s}`);
      }
    }
    expect(leaks).toEqual([]);
    // The scan looked at real answers, not only refusals: case view, list, board, stats for the monitor.
    expect(monitorAnswers).toBeGreaterThanOrEqual(7);
    // The scan can fail: a caseworker's view holds the identifiers it looks for.
    const caseworkerView = JSON.stringify((await raw(sys, 'GET', `/cases/${hukou}`, { token: await sys.token('caseworker', OWN) })).body);
    expect(leaksIn(caseworkerView)).toEqual(expect.arrayContaining([APPLICANT_ID, APPLICANT_NAME, 'officer-zhou']));
  });

  // Queues, the SLA board, the statistics and the alert stream show every registered type (issue 14).
  it('shows every type in the queue, on the SLA board, in the statistics and in the alert stream', async () => {
    const supervisor = await sys.token('supervisor', OWN);
    const types = [...samples.keys()];
    // A filing (a loss report) completes by itself and has no clock (docs/domain.md §7.9.3): it is never queued, on the
    // board or alerted; the statistics count it, apart. Every other sample waits for the office.
    const decided = types.filter((type) => !caseTypeModule(type).filing);
    const filings = types.filter((type) => caseTypeModule(type).filing);
    const ids = decided.map((type) => samples.get(type)!);
    await eventually(async () => {
      const queue = (await sys.request('GET', `/queues/${OWN}`, { token: await sys.token('caseworker', OWN) })).body.items;
      return ids.every((id) => queue.some((i: any) => i.caseId === id));
    });
    const board = await eventually(async () => {
      const items = (await sys.request('GET', '/sla/board', { token: supervisor })).body.items;
      return ids.every((id) => items.some((i: any) => i.caseId === id)) ? items : null;
    });
    expect(decided.filter((type) => !board.some((i: any) => i.caseId === samples.get(type) && i.type === type))).toEqual([]);
    expect(filings.filter((type) => board.some((i: any) => i.caseId === samples.get(type)))).toEqual([]);
    const stats = await eventually(async () => {
      const counted = (await sys.request('GET', '/stats', { token: supervisor })).body;
      return types.every((type) => counted.byType[type] >= 1) ? counted : null;
    });
    expect(stats.byKind.filing ?? 0).toBeGreaterThanOrEqual(filings.length);
    // Waiting since their opening, every sample but a filing runs out of some clock (time runs 100 000 times faster here).
    const alerted = () => new Set(stream.messages.map((m) => m.data.caseId));
    await stream.waitFor(() => ids.every((id) => alerted().has(id)), 60_000).catch(() => undefined);
    expect(decided.filter((type) => !alerted().has(samples.get(type)!))).toEqual([]);
  }, 90_000);

  it('verifies a document for anyone, with no login, naming no one (GET /verify)', async () => {
    const path = `/verify/${visaDocument.number}?code=${visaDocument.verificationCode}`;
    const r = await eventually(async () => {
      const answer = await raw(sys, 'GET', path);
      return answer.body.status === 'valid' ? answer : null;
    });
    // The number and code are the caller's own; the answer does not repeat them, nor anything of the person.
    expect(leaksIn(JSON.stringify(r.body))).toEqual([]);
  });

  it('sends no identifier in the alert stream', () => {
    expect(stream.messages.length).toBeGreaterThan(0);
    expect(leaksIn(JSON.stringify(stream.messages.map((m) => m.data)))).toEqual([]);
  });

  it('puts no identifier in /metrics (labels included)', async () => {
    const text = String((await raw(sys, 'GET', '/metrics')).body);
    // Sample values are numbers that may happen to contain six digits of anything: the names and labels are scanned.
    const labels = text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.slice(0, line.lastIndexOf(' ')));
    expect(labels.length).toBeGreaterThan(0);
    expect(leaksIn(labels.join('\n'))).toEqual([]);
    expect(
      leaksIn(
        text
          .split('\n')
          .filter((l) => l.startsWith('#'))
          .join('\n'),
      ),
    ).toEqual([]);
  });
});
