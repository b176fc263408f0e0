// Replay safety: complete histories, recorded on the dev server, are replayed with the SDK's replayer
// against the workflow code of this checkout: those of every release (test/fixtures/histories/<version>/,
// never re-recorded) and those of the code not released yet (next/). A change that makes running cases
// issue different commands (an added/removed/reordered activity or timer) or decide other facts than their
// streams hold (the batch digest) fails here before it reaches a worker that still has cases in flight.
//
// Re-record next/ after an intended change before a release:
//   npm run record-histories      (= RECORD_HISTORIES=1 node scripts/test.mjs test/workflows/replay)
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { CASE_TYPES, type CaseType } from '../../domain';
import {
  CHANGES_DECIDED_AT_START,
  CHANGES_DECIDED_AT_START_5,
  CHANGES_DECIDED_AT_START_6,
  CHANGES_DECIDED_AT_START_NEXT,
  MARKERS_ALSO_RECORDED_AT_START,
} from '../../workflows/changes';
import { bundleCaseWorkflows, historyFromJson, historyToJson, slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import {
  caseworker,
  CONVICTED_RESIDENT,
  frequentRequester,
  GUANGZHOU_TIANHE,
  GUANGZHOU_YUEXIU,
  happyPaths,
  inputs,
  permitEndorsedByFiling,
  residencePermitYear,
  SHANGHAI_HUANGPU,
  supervisor,
} from './scenarios';

const FIXTURES = join(__dirname, '..', 'fixtures', 'histories');
/** Where recording writes: the histories of the code not released yet. A release renames it to its version. */
const NEXT = 'next';
/** Every folder of histories: one per release, and next/. */
const RELEASES = readdirSync(FIXTURES).filter((d) => statSync(join(FIXTURES, d)).isDirectory());
const ALL_FIXTURES = RELEASES.flatMap((release) =>
  readdirSync(join(FIXTURES, release))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${release}/${f.replace(/\.json$/, '')}`),
);
const RECORDING = process.env.RECORD_HISTORIES === '1';

interface HistoryFixture {
  fixture: string;
  caseType: CaseType;
  scenario: string;
  workflowId: string;
  recordedWith: string;
  history: unknown;
}

/** A decision clock (x7200) that misses its goal, passes its deadline and escalates twice; then the visa is approved. */
async function slaBreach(h: WorkflowHarness): Promise<string> {
  const officer = caseworker(GUANGZHOU_TIANHE);
  const { caseId } = await h.open(inputs.portVisa(), officer, { timeScale: 7_200 });
  await h.waitForStream(caseId, (events) => slaEventsOf(events, 'decision').length >= 4, { timeoutMs: 30_000 });
  await h.waitFor(caseId, (s) => s.records['inviting-company'] !== undefined);
  await h.act(caseId, 'approve', {}, officer);
  return caseId;
}

/**
 * The main path's fixture of a type whose name a fixture of another scenario already bears: `residence-permit-endorsement`
 * records a permit's year endorsed by the `endorse` action, recorded before the endorsement filing type existed.
 */
const MAIN_PATH_FIXTURE: Partial<Record<CaseType, string>> = { 'residence-permit-endorsement': 'residence-permit-endorsement-filing' };

/** What each fixture records: the main path of every type, and one case whose SLA timers fire. */
const RECORDINGS: { fixture: string; caseType: CaseType; scenario: string; run(h: WorkflowHarness): Promise<string> }[] = [
  ...CASE_TYPES.map((caseType) => ({
    fixture: MAIN_PATH_FIXTURE[caseType] ?? caseType,
    caseType,
    scenario: 'main path to completion (happyPaths in test/workflows/scenarios.ts)',
    run: async (h: WorkflowHarness) => (await happyPaths[caseType](h)).caseId,
  })),
  {
    fixture: 'port-visa-sla-breach',
    caseType: 'port-visa',
    scenario: 'decision clock (x7200) misses its goal, passes its deadline, escalates twice; then approved',
    run: slaBreach,
  },
  {
    fixture: 'port-visa-sla-wake-ups-at-their-instant',
    caseType: 'port-visa',
    scenario: 'as port-visa-sla-breach, each wake-up decided at the instant its timer was set for (timers-decided-at-their-instant)',
    run: slaBreach,
  },
  {
    fixture: 'port-visa-revoked-after-completion',
    caseType: 'port-visa',
    scenario: 'a completed visa revoked: the run started by the revocation, which restores the case from its stream (loadCase)',
    async run(h) {
      const { caseId } = await happyPaths['port-visa'](h);
      await h.result(caseId); // the first run has ended
      await h.act(caseId, 'revoke', { reason: 'the invitation was forged', legalBasis: '行政许可法 第六十九条' }, supervisor(GUANGZHOU_TIANHE));
      return caseId;
    },
  },
  {
    fixture: 'port-visa-checks-answered-with-the-opening',
    caseType: 'port-visa',
    scenario: 'main path; the register check the opening made due asked and recorded before the opening answers (checks-answered-with-the-command)',
    run: async (h) => (await happyPaths['port-visa'](h)).caseId,
  },
  {
    fixture: 'no-criminal-record-checks-answered-with-accept',
    caseType: 'no-criminal-record',
    scenario: 'main path; the register checks acceptance made due asked together and recorded before accept answers (checks-answered-with-the-command)',
    run: async (h) => (await happyPaths['no-criminal-record'](h)).caseId,
  },
  {
    fixture: 'port-visa-reads-in-the-opening-append',
    caseType: 'port-visa',
    scenario: 'main path; the register check the opening made due asked before its append and answered in it (reads-in-the-command-append)',
    run: async (h) => (await happyPaths['port-visa'](h)).caseId,
  },
  {
    fixture: 'no-criminal-record-reads-in-the-accept-append',
    caseType: 'no-criminal-record',
    scenario: 'main path; the register checks acceptance made due asked before its append and answered in it (reads-in-the-command-append)',
    run: async (h) => (await happyPaths['no-criminal-record'](h)).caseId,
  },
  {
    fixture: 'id-card-replacement-reads-in-the-opening-append',
    caseType: 'id-card-replacement',
    scenario:
      'main path; the register check and the photo lookup the opening made due asked before its append and answered in it (reads-in-the-command-append)',
    run: async (h) => (await happyPaths['id-card-replacement'](h)).caseId,
  },
  {
    fixture: 'residence-permit-endorsement',
    caseType: 'residence-permit',
    scenario: 'a permit kept after completion (x4000000): EndorsementDue, suspended, endorsed late (years restart), then surrendered',
    run: (h) => residencePermitYear(h),
  },
  {
    fixture: 'residence-permit-endorsed-by-filing',
    caseType: 'residence-permit',
    scenario: 'a suspended permit (x4000000) told of its endorsement filing: ChildCaseLinked while closed and kept, endorsed late naming it, surrendered',
    run: async (h) => (await permitEndorsedByFiling(h)).permit,
  },
  {
    fixture: 'residence-permit-endorsed-by-filing-relative-events-decided-once',
    caseType: 'residence-permit',
    scenario: 'as residence-permit-endorsed-by-filing, recorded with the change list -6 (restore-takes-lost-attempts, relative-events-decided-once)',
    run: async (h) => (await permitEndorsedByFiling(h)).permit,
  },
  {
    fixture: 'hukou-migration-corrected-after-completion',
    caseType: 'hukou-migration',
    scenario: 'a completed hukou case corrected: the run started by decide-correction (approve), which reissues its documents',
    async run(h) {
      const { caseId } = await happyPaths['hukou-migration'](h);
      await h.result(caseId);
      await h.act(caseId, 'request-correction', { field: 'applicant.name', value: '李纳', reason: 'the register records 李纳' }, caseworker(GUANGZHOU_TIANHE));
      await h.result(caseId); // the run the request started has ended too
      await h.act(caseId, 'decide-correction', { decision: 'approve', reason: 'confirmed against the register' }, supervisor(GUANGZHOU_TIANHE));
      return caseId;
    },
  },
  {
    fixture: 'hukou-migration-permit-years',
    caseType: 'hukou-migration',
    scenario: 'main path with the metro residence years read from the register of residence permits (hukou-permit-residence-years)',
    run: async (h) => (await happyPaths['hukou-migration'](h)).caseId,
  },
  {
    fixture: 'no-criminal-record-objection-after-decline',
    caseType: 'no-criminal-record',
    scenario: 'declined on a record, then objected to and upheld: the runs started by object and answer-objection restore the closed case',
    async run(h) {
      const window = caseworker(SHANGHAI_HUANGPU);
      const station = caseworker(GUANGZHOU_TIANHE);
      const { representative: _agent, ...input } = inputs.noCriminalRecord();
      const { caseId } = await h.open({ ...input, applicant: { name: '趙剛', idNumber: CONVICTED_RESIDENT } }, window);
      await h.act(caseId, 'accept', {}, window);
      await h.waitFor(caseId, (s) => ['criminal-record', 'population-register', 'request-log'].every((k) => s.records[k] !== undefined));
      await h.act(caseId, 'decline-certificate', { reason: 'an effective finding of guilt is on record' }, station);
      await h.result(caseId);
      await h.act(caseId, 'object', { reason: 'the conviction was quashed on appeal' }, window);
      await h.result(caseId);
      await h.act(caseId, 'answer-objection', { outcome: 'upheld', reason: 'the appeal court quashed it' }, station);
      return caseId;
    },
  },
  {
    fixture: 'id-card-replacement-for-loss-report',
    caseType: 'id-card-replacement',
    scenario: 'a replacement lodged for a completed loss report (parentCaseId; the report has ended, so no link on its side), no report-loss',
    async run(h) {
      const station = caseworker(GUANGZHOU_YUEXIU);
      const report = await happyPaths['id-card-loss-report'](h);
      await h.result(report.caseId);
      const input = { ...inputs.idCardReplacement({ crossProvince: false }), parentCaseId: report.caseId };
      const { caseId } = await h.open(input, station);
      await h.waitFor(caseId, (s) => s.progress.photoLookup !== undefined && s.records['population-register'] !== undefined);
      await h.act(caseId, 'capture-biometrics', { photo: 'new' }, station);
      await h.act(caseId, 'accept', {}, station);
      await h.act(caseId, 'approve', {}, caseworker(GUANGZHOU_TIANHE));
      await h.waitFor(caseId, (s) => s.progress.card !== undefined);
      await h.act(caseId, 'hand-over', {}, station);
      return caseId;
    },
  },
  {
    fixture: 'no-criminal-record-objection-review-clock',
    caseType: 'no-criminal-record',
    scenario: 'declined, then objected to: the run started by object keeps the closed case while the review clock runs; dismissed',
    async run(h) {
      const window = caseworker(SHANGHAI_HUANGPU);
      const station = caseworker(GUANGZHOU_TIANHE);
      const { representative: _agent, ...input } = inputs.noCriminalRecord();
      const { caseId } = await h.open({ ...input, applicant: { name: '趙剛', idNumber: CONVICTED_RESIDENT } }, window);
      await h.act(caseId, 'accept', {}, window);
      await h.waitFor(caseId, (s) => ['criminal-record', 'population-register', 'request-log'].every((k) => s.records[k] !== undefined));
      await h.act(caseId, 'decline-certificate', { reason: 'an effective finding of guilt is on record' }, station);
      await h.result(caseId);
      await h.act(caseId, 'object', { reason: 'the conviction was quashed on appeal' }, window);
      await h.act(caseId, 'extend-objection-review', { reason: 'the court files are asked for' }, { ...supervisor(GUANGZHOU_TIANHE), officeHead: true });
      await h.act(caseId, 'answer-objection', { outcome: 'dismissed', reason: 'the judgment stands' }, station);
      return caseId;
    },
  },
  {
    fixture: 'id-card-replacement-withdrawn-with-temporary-id',
    caseType: 'id-card-replacement',
    scenario: 'a card case withdrawn while its temporary ID card is pending: it tells the child (patched temporary-id-card-case-closed)',
    run: async (h) => (await cardCaseWithdrawnWithTemporaryId(h)).parent,
  },
  {
    fixture: 'temporary-id-card-delivery-clock',
    caseType: 'temporary-id-card',
    scenario: 'main path with the hand-over clock from the issue (patched temporary-id-card-delivery-clock)',
    run: async (h) => (await happyPaths['temporary-id-card'](h)).caseId,
  },
  {
    fixture: 'no-criminal-record-request-log',
    caseType: 'no-criminal-record',
    scenario: "a third request in a year detected from the platform's request log (no-criminal-record-request-log): approval waits, proof of use shown, issued",
    run: async (h) => (await frequentRequester(h)).caseId,
  },
  {
    fixture: 'temporary-id-card-card-case-withdrawn',
    caseType: 'temporary-id-card',
    scenario: 'a temporary ID card not yet issued whose card case is withdrawn: CardCaseClosed, then refused (Order 78 art 2)',
    run: async (h) => (await cardCaseWithdrawnWithTemporaryId(h)).child,
  },
  {
    fixture: 'id-card-replacement-linked-after-its-run-ended',
    caseType: 'id-card-replacement',
    scenario:
      'a card case withdrawn, its run ended, then a temporary ID card lodged for it: the run the link starts (signal-with-start, reopen) records ChildCaseLinked and tells the child of the withdrawal (patched linked-cases-reach-ended-runs)',
    run: async (h) => (await temporaryIdLinkedAfterCardCaseEnded(h)).parent,
  },
  {
    fixture: 'temporary-id-card-linked-after-card-case-ended',
    caseType: 'temporary-id-card',
    scenario: 'a temporary ID card lodged for a card case whose run had ended: tellCase reaches it; told of its withdrawal, refused (Order 78 art 2)',
    run: async (h) => (await temporaryIdLinkedAfterCardCaseEnded(h)).child,
  },
  {
    fixture: 'foreigner-residence-permit-extension-linked-after-completion',
    caseType: 'foreigner-residence-permit',
    scenario: 'a completed permit case, its run ended, then an extension lodged for it: the run the link starts records ChildCaseLinked and ends',
    async run(h) {
      const office = caseworker(SHANGHAI_HUANGPU);
      const done = await happyPaths['foreigner-residence-permit'](h);
      await h.result(done.caseId);
      const permit = done.documents.find((d) => d.kind === 'foreigner-residence-permit') as unknown as { number: string; validUntil: string };
      const first = inputs.foreignerResidencePermit();
      const details = { ...first.details, application: 'extension', visa: undefined, currentPermit: { number: permit.number, validUntil: permit.validUntil } };
      const extension = await h.open({ ...first, parentCaseId: done.caseId, details }, office);
      await h.waitForStream(done.caseId, (events) => events.some((e) => e.type === 'ChildCaseLinked'), { what: 'the link on the completed case' });
      await h.act(extension.caseId, 'withdraw', { reason: 'not needed yet' }, office);
      return done.caseId;
    },
  },
  {
    fixture: 'residence-permit-changes-decided-at-start',
    caseType: 'residence-permit',
    scenario:
      'as residence-permit-endorsed-by-filing, in a run that decides its guarded changes in its first task (changes-decided-at-start-1): one marker, none at its end',
    run: async (h) => (await permitEndorsedByFiling(h)).permit,
  },
  {
    fixture: 'id-card-replacement-changes-decided-at-start',
    caseType: 'id-card-replacement',
    scenario: 'as id-card-replacement-linked-after-its-run-ended, each run deciding its guarded changes in its first task (changes-decided-at-start-1)',
    run: async (h) => (await temporaryIdLinkedAfterCardCaseEnded(h)).parent,
  },
  {
    fixture: 'temporary-id-card-refused-card-delivered-first',
    caseType: 'temporary-id-card',
    scenario:
      'a temporary ID card lodged against an open card case that delivered the card, completed and ended before the link: told CardDelivered, it refuses itself (temporary-id-card-card-collected, decided at start: changes-decided-at-start-1; Order 78 art 2)',
    run: async (h) => (await temporaryIdLinkedAfterCardDelivered(h)).child,
  },
  {
    fixture: 'id-card-replacement-delivered-then-linked',
    caseType: 'id-card-replacement',
    scenario:
      'a card case that delivered the card and ended after the boundary read it: the run the link starts records ChildCaseLinked and tells the child what it recorded since that version (linked-child-told-since-lodging, decided at start: changes-decided-at-start-1)',
    run: async (h) => (await temporaryIdLinkedAfterCardDelivered(h)).parent,
  },
  {
    fixture: 'id-card-replacement-tells-child-since-lodging',
    caseType: 'id-card-replacement',
    scenario:
      'an open card case that captured its photo after the boundary read it, before the link: it tells the temporary ID card (linked-child-told-since-lodging, decided at start: changes-decided-at-start-1); then delivers the card',
    run: async (h) => (await temporaryIdToldSinceLodging(h)).parent,
  },
  {
    fixture: 'residence-permit-appends-take-lost-attempts',
    caseType: 'residence-permit',
    scenario:
      'main path to completion in a run with changes-decided-at-start-1: its events named by their version, its system decisions (task results) by what they decide on',
    run: async (h) => (await happyPaths['residence-permit'](h)).caseId,
  },
  {
    fixture: 'temporary-id-card-refused-card-delivered',
    caseType: 'temporary-id-card',
    scenario:
      'a temporary ID card told of the photo its card case captured while it was lodged, then of the card delivered before it was issued: refused (temporary-id-card-card-collected, decided at start: changes-decided-at-start-1; Order 78 art 2)',
    run: async (h) => (await temporaryIdToldSinceLodging(h)).child,
  },
];

/** A replacement signed off in Guangzhou, its photo captured or not: `version` is the one a lodging at the boundary reads now. */
async function signedOffReplacement(h: WorkflowHarness, { photo = true } = {}): Promise<{ parent: string; version: number }> {
  const residence = caseworker(SHANGHAI_HUANGPU);
  const parent = (await h.open(inputs.idCardReplacement(), residence)).caseId;
  await h.waitFor(parent, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined);
  if (photo) await h.act(parent, 'capture-biometrics', { photo: 'new' }, residence);
  await h.act(parent, 'accept', {}, residence);
  const signedOff = await h.act(parent, 'sign-off', {}, caseworker(GUANGZHOU_TIANHE));
  return { parent, version: signedOff.version };
}

/** The replacement approved, its card produced and handed over: it completes. */
async function cardDelivered(h: WorkflowHarness, parent: string): Promise<void> {
  const residence = caseworker(SHANGHAI_HUANGPU);
  await h.act(parent, 'approve', {}, residence);
  await h.waitFor(parent, (s) => (s.progress as { card?: unknown }).card !== undefined);
  await h.act(parent, 'hand-over', {}, residence);
}

/**
 * A replacement read open at the boundary, then its card delivered and its run ended before the temporary ID card's link
 * reached it: the link starts it again, and the child hears CardDelivered.
 */
async function temporaryIdLinkedAfterCardDelivered(h: WorkflowHarness): Promise<{ parent: string; child: string }> {
  const { parent, version } = await signedOffReplacement(h);
  await cardDelivered(h, parent);
  await h.result(parent);
  const child = (await h.open(inputs.temporaryIdCard(parent), caseworker(SHANGHAI_HUANGPU), { parentVersion: version })).caseId;
  await h.waitFor(child, (s) => s.status === 'refused');
  await h.waitForStream(parent, (events) => events.some((e) => e.type === 'ChildCaseLinked'));
  return { parent, child };
}

/**
 * A replacement read at the boundary without a photo, its photo captured before the temporary ID card's link reached it:
 * told on the link; then the card delivered before the temporary card was issued, which refuses it.
 */
async function temporaryIdToldSinceLodging(h: WorkflowHarness): Promise<{ parent: string; child: string }> {
  const residence = caseworker(SHANGHAI_HUANGPU);
  const { parent, version } = await signedOffReplacement(h, { photo: false });
  await h.act(parent, 'capture-biometrics', { photo: 'new' }, residence);
  const child = (await h.open(inputs.temporaryIdCard(parent), residence, { parentVersion: version })).caseId;
  await h.waitFor(parent, (s) => (s.childCases ?? []).length === 1);
  await h.waitFor(child, (s) => (s.progress as { cardCase?: { photo: unknown } }).cardCase?.photo != null);
  await cardDelivered(h, parent);
  await h.waitFor(child, (s) => s.status === 'refused');
  return { parent, child };
}

/** A replacement signed off and withdrawn, its run ended; then a temporary ID card lodged for it (as if it passed the check as the case closed). */
async function temporaryIdLinkedAfterCardCaseEnded(h: WorkflowHarness): Promise<{ parent: string; child: string }> {
  const residence = caseworker(SHANGHAI_HUANGPU);
  const parent = (await h.open(inputs.idCardReplacement(), residence)).caseId;
  await h.waitFor(parent, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined);
  await h.act(parent, 'capture-biometrics', { photo: 'new' }, residence);
  await h.act(parent, 'accept', {}, residence);
  await h.act(parent, 'sign-off', {}, caseworker(GUANGZHOU_TIANHE));
  await h.act(parent, 'withdraw', { reason: 'found the old card' }, residence);
  await h.result(parent);
  const child = (await h.open(inputs.temporaryIdCard(parent), residence)).caseId;
  await h.waitFor(child, (s) => s.status === 'refused');
  return { parent, child };
}

/** A replacement lodged in Shanghai and signed off, a temporary ID card lodged for it, then the replacement withdrawn. */
async function cardCaseWithdrawnWithTemporaryId(h: WorkflowHarness): Promise<{ parent: string; child: string }> {
  const residence = caseworker(SHANGHAI_HUANGPU);
  const parent = (await h.open(inputs.idCardReplacement(), residence)).caseId;
  await h.waitFor(parent, (s) => (s.progress as { photoLookup?: unknown }).photoLookup !== undefined);
  await h.act(parent, 'capture-biometrics', { photo: 'new' }, residence);
  await h.act(parent, 'accept', {}, residence);
  await h.act(parent, 'sign-off', {}, caseworker(GUANGZHOU_TIANHE));
  const child = (await h.open(inputs.temporaryIdCard(parent), residence)).caseId;
  await h.waitFor(parent, (s) => (s.childCases ?? []).length === 1);
  await h.waitFor(child, (s) => (s.progress as { cardCase?: unknown }).cardCase !== undefined);
  await h.act(parent, 'withdraw', { reason: 'found the old card' }, residence);
  await h.waitFor(child, (s) => s.status === 'refused');
  return { parent, child };
}

const fixturePath = (name: string) => join(FIXTURES, `${name.includes('/') ? name : `${NEXT}/${name}`}.json`);

/** Plain JSON, one history event per line: compact, and a re-recording diffs event by event. */
function formatFixture({ history, ...about }: HistoryFixture): string {
  const head = Object.entries(about).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const events = (history as { events: unknown[] }).events.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n${head.join('\n')}\n  "history": { "events": [\n${events.join(',\n')}\n  ] }\n}\n`;
}
const readFixture = (name: string) => JSON.parse(readFileSync(fixturePath(name), 'utf8')) as HistoryFixture;

/** The SDK's patch markers of a recorded history: the change id, and the workflow task (counted from 1) that recorded it. */
function patchMarkersOf(fixture: HistoryFixture): { task: number; id: string }[] {
  type Event = { eventType: string; markerRecordedEventAttributes?: { markerName: string; details: Record<string, { payloads: { data: string }[] }> } };
  let task = 0;
  const markers: { task: number; id: string }[] = [];
  for (const e of (fixture.history as { events: Event[] }).events) {
    if (e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED') task++;
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_patch') continue;
    const { id } = JSON.parse(Buffer.from(marker.details['patch-data'].payloads[0].data, 'base64').toString()) as { id: string };
    markers.push({ task, id });
  }
  return markers;
}

describe('replay safety of the case workflow', () => {
  let bundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    try {
      // Replay workers log every state change at INFO, and core prints the drift test's expected nondeterminism as a WARN.
      Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
    } catch {
      // already installed in this process
    }
    bundle = await bundleCaseWorkflows();
  }, 120_000);

  // Recording is a maintenance mode (npm run record-histories), not a test: registered only then.
  if (RECORDING)
    describe('recording (RECORD_HISTORIES=1)', () => {
      let h: WorkflowHarness;
      beforeAll(async () => {
        h = await startWorkflowHarness({ bundle, cardProductionMs: 50 });
      }, 120_000);
      afterAll(() => h?.stop());

      // Recording never rewrites a history: each is a fixture once written. Only the missing ones are recorded.
      const missing = RECORDINGS.filter((r) => !existsSync(fixturePath(r.fixture)));
      // eslint-disable-next-line jest/expect-expect -- records a fixture; the replay tests below assert on it
      it.each(missing.length > 0 ? missing.map((r) => [r.fixture, r] as const) : [['nothing: every history exists', null] as const])(
        'records %s',
        async (_name, recording) => {
          if (!recording) return;
          const workflowId = await recording.run(h);
          const handle = h.client.workflow.getHandle(workflowId);
          await handle.result();
          const history = historyToJson(await handle.fetchHistory());
          const fixture: HistoryFixture = {
            fixture: recording.fixture,
            caseType: recording.caseType,
            scenario: recording.scenario,
            workflowId,
            recordedWith: `@temporalio/worker ${require('@temporalio/worker/package.json').version}`,
            history,
          };
          mkdirSync(join(FIXTURES, NEXT), { recursive: true });
          writeFileSync(fixturePath(recording.fixture), formatFixture(fixture));
        },
        60_000,
      );
    });

  describe('replaying the recorded histories with the current workflow code', () => {
    it('has a history of every recording for the code not released yet', () => {
      expect(RECORDINGS.filter((r) => !existsSync(fixturePath(r.fixture))).map((r) => r.fixture)).toEqual([]); // else: npm run record-histories
    });

    // A first recording starts with none (it.each refuses an empty table); the test above then fails until they exist.
    it.each(ALL_FIXTURES.length > 0 ? ALL_FIXTURES : ['next/port-visa'])('%s', async (name) => {
      const fixture = readFixture(name);
      const events = (fixture.history as { events: { eventType: string }[] }).events;
      expect(events.at(-1)!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED'); // a whole case, not a prefix
      await Worker.runReplayHistory({ workflowBundle: bundle, replayName: name }, historyFromJson(fixture.history), fixture.workflowId);
    });
  });

  it('a run decides its guarded changes with its start markers, in its first workflow task (workflows/changes.ts)', () => {
    // Recorded by the build with the whole list under the first marker alone.
    for (const name of [
      'residence-permit-changes-decided-at-start.one-start-marker',
      'id-card-replacement-changes-decided-at-start.one-start-marker',
      'residence-permit-appends-take-lost-attempts.one-start-marker',
      'temporary-id-card-refused-card-delivered-first',
    ]) {
      expect({ name, markers: patchMarkersOf(readFixture(name)) }).toEqual({ name, markers: [{ task: 1, id: CHANGES_DECIDED_AT_START }] });
    }
    // Recorded since the next list: its marker alone, in the first task.
    for (const name of ['port-visa-checks-answered-with-the-opening', 'no-criminal-record-checks-answered-with-accept']) {
      expect({ name, markers: patchMarkersOf(readFixture(name)) }).toEqual({ name, markers: [{ task: 1, id: CHANGES_DECIDED_AT_START_NEXT }] });
    }
    // Recorded since the list -5: its marker alone.
    for (const name of [
      'port-visa-reads-in-the-opening-append',
      'no-criminal-record-reads-in-the-accept-append',
      'id-card-replacement-reads-in-the-opening-append',
    ]) {
      expect({ name, markers: patchMarkersOf(readFixture(name)) }).toEqual({ name, markers: [{ task: 1, id: CHANGES_DECIDED_AT_START_5 }] });
    }
    // Recorded since the list -6: its marker alone.
    const six = 'residence-permit-endorsed-by-filing-relative-events-decided-once';
    expect(patchMarkersOf(readFixture(six))).toEqual([{ task: 1, id: CHANGES_DECIDED_AT_START_6 }]);
    // Recorded by the released build with three lists: its markers, all in the first task, and no other.
    const startMarkers = [CHANGES_DECIDED_AT_START, ...MARKERS_ALSO_RECORDED_AT_START];
    expect(patchMarkersOf(readFixture('residence-permit-appends-take-lost-attempts'))).toEqual(startMarkers.map((id) => ({ task: 1, id })));
    // Recorded before it: the run-end marker sits in a later task, after the appends and handlers it waited for.
    expect(patchMarkersOf(readFixture('id-card-replacement-linked-after-its-run-ended'))).toContainEqual({ task: 2, id: 'run-ends-in-a-task-of-its-own' });
  });

  it('replays a case whose append an attempt that timed out answered, at its own instant (the fault suite, worker frozen)', async () => {
    // A prefix, not a whole case: the run the fault suite found stuck, its next task failing on every retry with
    // "the events decided for versions 13–13 (CardProduced) differ from those committed" (SDK 1.24: the retried task was
    // completed with what the attempt that timed out had decided, at that attempt's workflow time).
    const file = join(__dirname, '..', 'fixtures', 'replay-regressions', 'id-card-replacement-card-produced-by-a-timed-out-attempt.json');
    const fixture = JSON.parse(readFileSync(file, 'utf8')) as HistoryFixture;
    const events = (fixture.history as { events: { eventType: string }[] }).events;
    expect(events.at(-1)!.eventType).toBe('EVENT_TYPE_WORKFLOW_TASK_FAILED');
    const replay = Worker.runReplayHistory({ workflowBundle: bundle, replayName: fixture.fixture }, historyFromJson(fixture.history), fixture.workflowId);
    await expect(replay).resolves.toBeUndefined();
  });

  it('fails on a non-deterministic change to the workflow code', async () => {
    const drifted = await bundleWorkflowCode({ workflowsPath: require.resolve('./support/drifted-workflows'), logger: new DefaultLogger('WARN') });
    const fixture = readFixture('port-visa');
    await expect(
      Worker.runReplayHistory({ workflowBundle: drifted, replayName: 'drifted' }, historyFromJson(fixture.history), fixture.workflowId),
    ).rejects.toMatchObject({
      name: 'DeterminismViolationError',
    });
  }, 60_000);
  describe('a change to what a case type decides', () => {
    const bundleOf = (file: string) => bundleWorkflowCode({ workflowsPath: require.resolve(file), logger: new DefaultLogger('WARN') });

    it('fails the workflow task, naming the case, when unguarded', async () => {
      const changed = await bundleOf('./support/changed-workflows');
      const fixture = readFixture('port-visa');
      const replay = Worker.runReplayHistory({ workflowBundle: changed, replayName: 'changed' }, historyFromJson(fixture.history), fixture.workflowId);
      // The replayer reports the failed workflow task (ReplayError) with the workflow's own message.
      await expect(replay).rejects.toThrow(/DeterminismViolationError/);
      await expect(replay).rejects.toThrow(new RegExp(`case ${fixture.workflowId}: the events decided for versions \\d+–\\d+ \\(CaseApproved, VisaIssued`));
    }, 120_000);

    it('replays the histories recorded before it, and records the new fact after it, when guarded with patched()', async () => {
      const guarded = await bundleOf('./support/patched-workflows');
      // Recorded before the change: replays unchanged.
      const before = readFixture('port-visa');
      await Worker.runReplayHistory({ workflowBundle: guarded, replayName: 'before' }, historyFromJson(before.history), before.workflowId);

      // A case decided after the change records the new field, and its history replays too.
      const h = await startWorkflowHarness({ bundle: guarded, cardProductionMs: 50 });
      try {
        const { caseId } = await happyPaths['port-visa'](h);
        const handle = h.client.workflow.getHandle(caseId);
        await handle.result();
        const visa = (await h.stream(caseId)).find((e) => e.type === 'VisaIssued');
        expect(visa?.data).toMatchObject({ issuingOffice: expect.any(String) });
        const after = await handle.fetchHistory();
        // A change marker's payload names its change (VISA_NAMES_ISSUING_OFFICE of ./support/patched-workflows, which
        // is not imported here: it patches the domain it loads): the history says this case decided with it, once.
        const markers = after.events!.filter(
          (e) =>
            e.markerRecordedEventAttributes?.markerName === 'core_patch' &&
            Object.values(e.markerRecordedEventAttributes.details ?? {}).some((d) =>
              d.payloads?.some((p) =>
                Buffer.from(p.data ?? [])
                  .toString()
                  .includes('port-visa-names-issuing-office'),
              ),
            ),
        );
        expect(markers).toHaveLength(1);
        await Worker.runReplayHistory({ workflowBundle: guarded, replayName: 'after' }, after, caseId);
      } finally {
        await h.stop();
      }
    }, 180_000);
  });
});
