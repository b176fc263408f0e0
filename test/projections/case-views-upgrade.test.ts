import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { startProjections, type RunningProjections } from '../../apps/runtime/projections';
import { caseTypeModule, officesOf, type CaseEvent } from '../../domain';
import { createPgSqlClient } from '../../event-store/postgres/pg-client';
import { quoteIdent, type PostgresEventStore } from '../../event-store/postgres';
import { caseStateProjection } from '../../projections/case-state/case-state-projection';
import { provincesOf, slaSummary } from '../../projections/case-state/summaries';
import { lookupKeysOf } from '../../projections/cases/find-cases';
import { readQueue } from '../../projections/queues/read-queue';
import { countCases } from '../../projections/stats/count-cases';
import { tryLeadership } from '../../projections/leader-lock';
import { createProjectionRunner } from '../../projections/runner';
import { streamIdOf } from '../../workflows/definitions';
import { openPostgres, TEST_DATABASE_URL, type AdapterUnderTest } from '../event-store/support/adapters';
import { eventually } from '../event-store/support/events';
import { caseworker, multiEntryVisaAt, opened } from '../domain/support/given';

/** The case list and the queues as they were built before the queues became a view of the case table. */
const casesV2 = caseStateProjection({
  name: 'cases',
  version: 2,
  columns: `type text NOT NULL, status text NOT NULL, offices text[] NOT NULL, provinces text[] NOT NULL,
    applicant_id text, sla text NOT NULL, opened_at timestamptz NOT NULL, lookup_keys text[] NOT NULL`,
  row: (s) => [s.type, s.status, officesOf(s), provincesOf(s), s.applicantId ?? null, slaSummary(s), s.openedAt, lookupKeysOf(s)],
});
const queuesV1 = caseStateProjection({
  name: 'queues',
  columns: 'waiting_office text, next_deadline timestamptz, opened_at timestamptz NOT NULL',
  row: (s) => ['440106', null, s.openedAt],
});

/**
 * Upgrading to the case table that the queues, the SLA board and the statistics read: until the case table at
 * its new version is swapped in, a replica reads each view from the table it had (frozen, as a rebuild serves
 * the old table); then from the case table, and the retired tables and their checkpoints are gone.
 */
describe('the views of the case table, on an upgrade from their own tables', () => {
  let db: AdapterUnderTest & { store: PostgresEventStore; schema: string };
  let running: RunningProjections | undefined;
  beforeAll(async () => {
    db = await openPostgres();
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    await db?.dispose();
  });

  it('serves the retired tables until the case table is rebuilt, then only the case table', async () => {
    const store = db.store;
    const officer = caseworker('440106');
    const caseId = randomUUID();
    const events: CaseEvent[] = opened(caseTypeModule('multi-entry-visa'), multiEntryVisaAt('440106'), officer, '2026-11-25T02:00:00.000Z', caseId);
    await store.append(
      streamIdOf(caseId),
      events.map((e) => ({
        id: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: { at: e.at, actor: officer.id, role: officer.role, office: officer.office, commandId: randomUUID(), correlationId: randomUUID() },
      })),
    );
    // Given the tables as the previous version built them
    for (const projection of [casesV2, queuesV1]) {
      const runner = createProjectionRunner({ store, sql: store.sql, projection });
      await runner.start();
      await runner.waitUntilCaughtUp();
      await runner.stop();
    }
    // ...and another replica leading the case table, so this one starts as a standby
    const other = createPgSqlClient({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${quoteIdent(db.schema)}` });
    const leader = await tryLeadership(other, 'projection:cases');
    expect(leader).not.toBeNull();

    running = await startProjections({ store, readDb: store.sql, close: async () => undefined }, pino({ level: 'silent' }));
    // Then the standby reads the queues from their own table, as before...
    expect(running.tableOf('queues')).toBe('rm_queues');
    expect(running.tableOf('cases')).toBe('rm_cases');
    expect((await readQueue(store.sql, running.tableOf('queues'), '440106')).map((s) => s.caseId)).toEqual([caseId]);

    // ...and once it leads, it rebuilds the case table and every view reads it; the retired tables are gone
    await leader!.release();
    await other.close();
    await eventually(
      async () => running!.tableOf('queues'),
      (table) => table === 'rm_cases',
      20_000,
    );
    for (const view of ['queues', 'sla', 'stats']) expect(running.tableOf(view)).toBe('rm_cases');
    expect((await countCases(store.sql, running.tableOf('stats'), { kind: 'all' })).total).toBe(1);
    const { rows: tables } = await store.sql.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'rm_%' ORDER BY tablename`,
    );
    expect(tables.map((t) => t.tablename)).toEqual(['rm_cases', 'rm_documents']);
    const { rows: checkpoints } = await store.sql.query<{ name: string; version: number }>('SELECT name, version FROM proj_checkpoints ORDER BY name');
    expect(checkpoints.map((c) => [c.name, Number(c.version)])).toEqual([
      ['cases', 3],
      ['documents', 1],
    ]);
  });
});
