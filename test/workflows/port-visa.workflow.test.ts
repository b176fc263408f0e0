import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createLocalCompanyRegistry } from '../../activities/registries';
import { CaseCommands } from '../../apps/api/cases/case-commands';
import { CaseWorkerHost } from '../../apps/runtime/case-worker-host';
import { createLogger } from '../../apps/runtime/logger';
import { openStores, type Stores } from '../../apps/runtime/stores';
import { createCaseWorker } from '../../apps/runtime/temporal';
import type { Actor, CaseState, OpenCaseInput } from '../../domain';
import { appendedEventsQuery, streamIdOf } from '../../workflows/definitions';

const office = '440106';
const officer: Actor = { id: 'officer-wang', role: 'caseworker', office };
const input: OpenCaseInput = {
  type: 'port-visa',
  channel: 'window',
  receivingOffice: office,
  applicant: { name: 'Kenji Sato', passportNo: 'TK1234567', nationality: 'JPN' },
  materials: ['passport', 'invitation letter'],
  details: { port: 'Shenzhen Bay', purpose: 'emergency-repair', invitingCompany: { creditCode: '91440106MA59ABCD1M', name: 'Shenzhen Works' }, intendedStayDays: 7 },
};

describe('port-visa workflow on the real Temporal dev server', () => {
  let stores: Stores;
  let client: Client;
  let host: CaseWorkerHost;
  let bundle: WorkflowBundleWithSourceMap;
  const taskQueue = `wf-test-${randomUUID()}`;
  const temporal = { address: process.env.TEMPORAL_ADDRESS!, namespace: 'default', taskQueue };
  const ids = () => ({ commandId: randomUUID(), correlationId: randomUUID() });

  beforeAll(async () => {
    stores = await openStores({ kind: 'pglite', dataDir: mkdtempSync(join(tmpdir(), 'wf-test-')) });
    bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: new DefaultLogger('WARN') });
    const activities = createActivities({ store: stores.store, registries: { company: createLocalCompanyRegistry({ latencyMs: 5 }) } });
    host = new CaseWorkerHost(await createCaseWorker(temporal, activities, bundle), createLogger('warn', 'wf-test'));
    host.start(() => undefined);
    client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
    await client?.connection.close();
    await stores?.close();
  });

  const waitFor = async (caseId: string, done: (s: CaseState) => boolean) => {
    const handle = client.workflow.getHandle(caseId);
    for (let i = 0; i < 200; i++) {
      const s = (await handle.query<CaseState | null>('caseState')) as CaseState | null;
      if (s && done(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('workflow never reached the expected state');
  };

  it('runs a case to VisaIssued; the stream holds exactly what the workflow appended; rejected updates leave no trace', async () => {
    const commands = new CaseCommands(client, taskQueue, 1);
    const caseId = randomUUID();
    const opened = await commands.open(caseId, input, officer, ids());
    expect(opened.status).toBe('submitted');
    await waitFor(caseId, (s) => s.records['inviting-company']?.ok === true);

    await commands.act(caseId, 'request-materials', { items: ['repair contract'] }, officer, ids());
    const before = (await stores.store.readStream(streamIdOf(caseId))).length;
    await expect(commands.act(caseId, 'request-materials', { items: ['again'] }, officer, ids())).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await stores.store.readStream(streamIdOf(caseId))).toHaveLength(before);

    await commands.act(caseId, 'supplement', { items: ['repair contract'] }, officer, ids());
    await commands.act(caseId, 'accept', {}, officer, ids());
    const done = await commands.act(caseId, 'approve', {}, officer, ids());
    expect(done.status).toBe('completed');

    const result = (await client.workflow.getHandle(caseId).result()) as CaseState;
    expect(result.documents[0]).toMatchObject({ kind: 'visa', entries: 1 });
    const stream = await stores.store.readStream(streamIdOf(caseId));
    expect(stream.map((e) => e.version)).toEqual(stream.map((_, i) => i + 1));
    const appended = await client.workflow.getHandle(caseId).query(appendedEventsQuery);
    expect(stream.map((e) => e.id)).toEqual(appended);
  });

  it('a second opening with the same case id is the same case', async () => {
    const commands = new CaseCommands(client, taskQueue, 1);
    const caseId = randomUUID();
    const first = await commands.open(caseId, input, officer, ids());
    const second = await commands.open(caseId, input, officer, ids());
    expect(second.caseId).toBe(first.caseId);
    expect(second.openedAt).toBe(first.openedAt);
    expect((await stores.store.readStream(streamIdOf(caseId))).filter((e) => e.type === 'CaseOpened')).toHaveLength(1);
  });

  it('deems a case accepted when 5 working days pass with no action (business time scaled)', async () => {
    // 5 WD can span ~9 calendar days (a weekend or holiday); at this scale that is a few seconds.
    const commands = new CaseCommands(client, taskQueue, 400_000);
    const caseId = randomUUID();
    await commands.open(caseId, input, officer, ids());
    const s = await waitFor(caseId, (st) => st.status === 'accepted');
    expect(s.acceptedAt).toBe(s.openedAt);
    const types = (await stores.store.readStream(streamIdOf(caseId))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['SlaGoalMissed', 'SlaDeadlinePassed', 'CaseDeemedAccepted']));
    expect(types.indexOf('CaseDeemedAccepted')).toBeGreaterThan(types.indexOf('SlaDeadlinePassed'));
  }, 60_000);
});
