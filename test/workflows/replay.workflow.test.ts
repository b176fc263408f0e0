// Replay safety: a complete history per case type, recorded on the dev server, is replayed with the
// SDK's replayer against the workflow code of this checkout. A change that makes running cases
// issue different commands (an added/removed/reordered activity or timer, a different workflow
// shape) fails here before it reaches a worker that still has cases in flight.
//
// Re-record after an intended, versioned change (or when the case types change):
//   npm run record-histories      (= RECORD_HISTORIES=1 node scripts/test.mjs test/workflows/replay)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { CASE_TYPES, type CaseType } from '../../domain';
import { bundleCaseWorkflows, historyFromJson, historyToJson, slaEventsOf, startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';
import { caseworker, GUANGZHOU_TIANHE, happyPaths, inputs } from './scenarios';

const FIXTURES = join(__dirname, '..', 'fixtures', 'histories');
const RECORDING = process.env.RECORD_HISTORIES === '1';

interface HistoryFixture {
  fixture: string;
  caseType: CaseType;
  scenario: string;
  workflowId: string;
  recordedWith: string;
  history: unknown;
}

/** What each fixture records: the main path of every type, and one case whose SLA timers fire. */
const RECORDINGS: { fixture: string; caseType: CaseType; scenario: string; run(h: WorkflowHarness): Promise<string> }[] = [
  ...CASE_TYPES.map((caseType) => ({
    fixture: caseType,
    caseType,
    scenario: 'main path to completion (happyPaths in test/workflows/scenarios.ts)',
    run: async (h: WorkflowHarness) => (await happyPaths[caseType](h)).caseId,
  })),
  {
    fixture: 'port-visa-sla-breach',
    caseType: 'port-visa',
    scenario: 'decision clock (x7200) misses its goal, passes its deadline, escalates twice; then approved',
    async run(h) {
      const officer = caseworker(GUANGZHOU_TIANHE);
      const { caseId } = await h.open(inputs.portVisa(), officer, { timeScale: 7_200 });
      await h.act(caseId, 'accept', {}, officer);
      await h.waitForStream(caseId, (events) => slaEventsOf(events, 'decision').length >= 4, { timeoutMs: 30_000 });
      await h.waitFor(caseId, (s) => s.records['inviting-company'] !== undefined);
      await h.act(caseId, 'approve', {}, officer);
      return caseId;
    },
  },
];

const fixturePath = (name: string) => join(FIXTURES, `${name}.json`);

/** Plain JSON, one history event per line: compact, and a re-recording diffs event by event. */
function formatFixture({ history, ...about }: HistoryFixture): string {
  const head = Object.entries(about).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const events = (history as { events: unknown[] }).events.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n${head.join('\n')}\n  "history": { "events": [\n${events.join(',\n')}\n  ] }\n}\n`;
}
const readFixture = (name: string) => JSON.parse(readFileSync(fixturePath(name), 'utf8')) as HistoryFixture;

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

      // eslint-disable-next-line jest/expect-expect -- records a fixture; the replay tests below assert on it
      it.each(RECORDINGS.map((r) => [r.fixture, r] as const))(
        'records %s',
        async (_name, recording) => {
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
          writeFileSync(fixturePath(recording.fixture), formatFixture(fixture));
        },
        60_000,
      );
    });

  describe('replaying the recorded histories with the current workflow code', () => {
    it.each(RECORDINGS.map((r) => r.fixture))('%s', async (name) => {
      if (!existsSync(fixturePath(name))) throw new Error(`missing fixture ${fixturePath(name)}: run npm run record-histories`);
      const fixture = readFixture(name);
      const events = (fixture.history as { events: { eventType: string }[] }).events;
      expect(events.at(-1)!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED'); // a whole case, not a prefix
      await Worker.runReplayHistory({ workflowBundle: bundle, replayName: name }, historyFromJson(fixture.history), fixture.workflowId);
    });
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
});
