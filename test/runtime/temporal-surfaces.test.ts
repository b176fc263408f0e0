import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pino from 'pino';
import { startTestSystem, type TestSystem } from '../support/system';
import { APPLICANT_ID, APPLICANT_NAME, hukouBody, openSettled, ORIGIN, OWN, portVisaBody } from '../api/support/fixtures';

const run = promisify(execFile);

/**
 * What Temporal's own surfaces show of a case (issue 12): the real Temporal CLI's `workflow show`,
 * `workflow describe` (memo, search attributes) and `workflow list` against the test server, and every log
 * line the API, worker and projections wrote meanwhile, hold no applicant identifier — not in the clear,
 * not in base64, hex or JSON escapes, neither whole nor in parts (any 6 characters in a row of an ID or
 * passport number).
 */
describe('Temporal surfaces and logs hold no applicant identifier', () => {
  const PASSPORT = 'C01X00T47';
  const CLI = process.env.TEMPORAL_CLI;
  let sys: TestSystem;
  const logs: string[] = [];
  let hukou: string;
  let visa: string;
  let refusedDetail: string;
  const restore: (() => void)[] = [];

  /** Everything written to stdout and stderr (the SDK's runtime logger writes there) while the test runs. */
  function captureOutput() {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = (chunk: unknown, ...rest: unknown[]) => {
        logs.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      };
      restore.push(() => (stream.write = write));
    }
  }

  beforeAll(async () => {
    if (!CLI) throw new Error('TEMPORAL_CLI is not set: run this through `npm test`, which provisions the Temporal CLI');
    captureOutput();
    // The system's own logs, at debug level, into memory.
    const log = pino({ name: 'surfaces', level: 'debug' }, { write: (line: string) => void logs.push(line) });
    sys = await startTestSystem('pglite', {}, {}, log);
    const caseworker = await sys.token('caseworker', OWN, 'officer-zhou');
    // Identifiers also where people type them: the materials and a reason.
    hukou = await openSettled(sys, caseworker, { ...hukouBody('window'), materials: [`ID card copy ${APPLICANT_ID}`, `form of ${APPLICANT_NAME}`] });
    const refused = await sys.request('POST', `/cases/${hukou}/actions/register-settlement`, { token: caseworker, body: {} });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    refusedDetail = String(refused.body.detail);
    expect(
      (
        await sys.request('POST', `/cases/${hukou}/actions/refuse-acceptance`, {
          token: caseworker,
          body: { reason: `${APPLICANT_NAME} (${APPLICANT_ID}) brought no property deed` },
        })
      ).status,
    ).toBe(200);
    visa = await openSettled(sys, caseworker, { ...portVisaBody(), materials: [`passport ${PASSPORT}`, 'invitation letter for Anna Schmidt'] });
    expect((await sys.request('POST', `/cases/${visa}/actions/approve`, { token: caseworker, body: {} })).status).toBe(200);
    // Read and looked up, so that the read paths log too.
    await sys.request('GET', `/cases/${hukou}/history`, { token: await sys.token('supervisor', OWN) });
    await sys.request('POST', '/cases/lookup', { token: caseworker, body: { idNumber: APPLICANT_ID } });
  }, 120_000);
  afterAll(async () => {
    for (const undo of restore.splice(0)) undo();
    await sys?.stop();
  });

  const temporal = async (...args: string[]) => {
    const { stdout, stderr } = await run(CLI!, [...args, '--address', sys.config.temporal.address, '--namespace', sys.config.temporal.namespace], {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return stdout + stderr;
  };

  /** Every 6-character window of a string. */
  const windows = (s: string, n = 6) => Array.from({ length: s.length - n + 1 }, (_, i) => s.slice(i, i + n));
  // The ID's first 6 digits are the birth region's division code, which is also the case's move-out office.
  const parts = () => [APPLICANT_ID, PASSPORT, APPLICANT_NAME, 'Anna', 'Schmidt', ...windows(APPLICANT_ID).filter((w) => w !== ORIGIN), ...windows(PASSPORT)];

  /** The identifiers as they would look encoded: base64 (three alignments of each, so parts are found too), hex, JSON escapes. */
  function encodedForms(secret: string): string[] {
    const bytes = Buffer.from(secret, 'utf8');
    const forms = [bytes.toString('hex'), bytes.toString('hex').toUpperCase(), JSON.stringify(secret).slice(1, -1)];
    const escaped = [...secret].map((c) => (c.charCodeAt(0) > 0x7e ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
    forms.push(escaped, escaped.toUpperCase().replace(/\\U/g, '\\u'));
    for (let shift = 0; shift < 3; shift++) {
      // The base64 of the secret preceded by `shift` bytes, minus the characters those bytes touch: what any
      // base64 text that contains the secret must contain, whatever its alignment.
      const b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
      const start = Math.ceil((shift * 4) / 3) + (shift ? 1 : 0);
      const end = Math.floor(((shift + bytes.length) * 4) / 3) - 1;
      const core = b64.slice(start, end);
      if (core.length >= 6) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    return forms.filter((f) => f.length >= 6);
  }

  /** The text itself, every JSON string in it, and the decoding of every base64 or hex run in it. */
  function decodedViews(text: string): string[] {
    const views = [text];
    for (const run of text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []) {
      views.push(Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1'));
      views.push(Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    }
    for (const run of text.match(/(?:[0-9a-fA-F]{2}){4,}/g) ?? []) views.push(Buffer.from(run, 'hex').toString('utf8'));
    for (const run of text.match(/"(?:[^"\\]|\\.)*"/g) ?? []) {
      try {
        views.push(JSON.parse(run) as string);
      } catch {
        // Not a JSON string after all (a quoted word in text output).
      }
    }
    return views;
  }

  // Ids (case, run, request, update) are random hex and timestamps carry nanoseconds: six digits of an ID number
  // turn up in them now and then. They name no one, so they are blanked before the plain-text search.
  const NOISE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/gi;

  function leaks(text: string): string[] {
    const found = new Set<string>();
    const secrets = parts();
    for (const view of decodedViews(text.replace(NOISE, '<id>'))) for (const s of secrets) if (view.includes(s)) found.add(s);
    for (const s of [APPLICANT_ID, PASSPORT, APPLICANT_NAME]) for (const form of encodedForms(s)) if (text.includes(form)) found.add(`${s} as ${form}`);
    return [...found];
  }

  it('finds what it looks for: the scan is not blind', () => {
    expect(leaks(`"materials": ["ID card copy ${APPLICANT_ID}"]`)).toContain(APPLICANT_ID);
    expect(leaks(Buffer.from(`{"name":"${APPLICANT_NAME}"}`).toString('base64'))).toContain(APPLICANT_NAME);
    expect(leaks(`x${Buffer.from(`..${PASSPORT}`).toString('base64')}`).length).toBeGreaterThan(0);
    expect(leaks(Buffer.from(`id ${APPLICANT_ID.slice(4, 12)}`).toString('hex'))).toContain(APPLICANT_ID.slice(4, 10));
    expect(leaks(JSON.stringify({ n: APPLICANT_NAME }, null, 0).replace(APPLICANT_NAME, '\\u5f20\\u4e09'))).toContain(APPLICANT_NAME);
  });

  it('`temporal workflow show` of each case, as text and JSON', async () => {
    for (const caseId of [hukou, visa]) {
      const text = await temporal('workflow', 'show', '--workflow-id', caseId);
      const json = await temporal('workflow', 'show', '--workflow-id', caseId, '--output', 'json');
      expect(json).toMatch(/update_?accepted/i); // the updates are there to scan
      expect(text.length).toBeGreaterThan(200);
      expect({ caseId, leaks: [...leaks(text), ...leaks(json)] }).toEqual({ caseId, leaks: [] });
      // Failure messages are sealed too: the domain's refusal is not in the clear.
      expect(json).not.toContain(refusedDetail);
    }
  });

  it('`temporal workflow describe`: no memo or search attribute of ours, nothing in the clear', async () => {
    for (const caseId of [hukou, visa]) {
      const text = await temporal('workflow', 'describe', '--workflow-id', caseId);
      const json = await temporal('workflow', 'describe', '--workflow-id', caseId, '--output', 'json');
      const info = JSON.parse(json).workflowExecutionInfo;
      expect(info.execution.workflowId).toBe(caseId);
      // No memo; search attributes only Temporal's own bookkeeping (build ids), none set by casework.
      expect(Object.keys(info.memo?.fields ?? {})).toEqual([]);
      const custom = Object.keys(info.searchAttributes?.indexedFields ?? {}).filter(
        (k) => !/^(BuildIds|TemporalChangeVersion|TemporalReportedProblems)$/.test(k),
      );
      expect(custom).toEqual([]);
      expect({ caseId, leaks: [...leaks(text), ...leaks(json)] }).toEqual({ caseId, leaks: [] });
    }
  });

  it('`temporal workflow list` of the task queue', async () => {
    const query = `TaskQueue = '${sys.config.temporal.taskQueue}'`;
    const json = await temporal('workflow', 'list', '--query', query, '--output', 'json');
    const text = await temporal('workflow', 'list', '--query', query);
    const listed = json
      .trim()
      .split('\n')
      .filter((l) => l.trim())
      .join('');
    expect(listed).toContain(hukou);
    expect(listed).toContain(visa);
    expect({ leaks: [...leaks(text), ...leaks(json)] }).toEqual({ leaks: [] });
  });

  it('the logs of the API, the worker and the projections while all this ran', () => {
    const all = logs.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(leaks(all)).toEqual([]);
  });
});
