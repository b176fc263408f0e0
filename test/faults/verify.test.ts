// Self-test of the fault suite's verifier (test/faults/verify.ts): on a real store (PGlite, the store's own
// schema and append), a copy doctored with one acknowledged event deleted and one command's event written
// twice must be reported as lost=1 duplicated=1, and the untouched copy as clean.
import { randomUUID } from 'node:crypto';
import { createPgliteEventStore, type PostgresEventStore } from '../../event-store/postgres';
import type { NewEvent } from '../../event-store/types';
import { tableOf } from '../../projections/projection';
import { replayInto } from '../../projections/replay';
import { streamCountsProjection } from '../projections/support/stream-counts.projection';
import { compareWithRebuild, readCaseEvents, streamOf, verifyStore, type AckedCommand } from './verify';

const event = (type: string, commandId: string): NewEvent => ({
  id: randomUUID(),
  type,
  data: {},
  metadata: { actor: 'officer-li', role: 'caseworker', office: '440106', at: '2026-11-30T08:00:00.000Z', commandId, correlationId: randomUUID() },
});

describe('fault suite verifier', () => {
  let store: PostgresEventStore;
  const acked: AckedCommand[] = [];
  const caseA = randomUUID();
  const caseB = randomUUID();
  const command = (caseId: string, name: string): AckedCommand => {
    const c = { caseId, commandId: randomUUID(), command: name };
    acked.push(c);
    return c;
  };

  beforeAll(async () => {
    store = await createPgliteEventStore();
    const openA = command(caseA, 'open');
    const askA = command(caseA, 'request-materials');
    const acceptA = command(caseA, 'accept');
    await store.append(streamOf(caseA), [event('CaseOpened', openA.commandId), event('RecordsVerified', openA.commandId)]);
    await store.append(streamOf(caseA), [event('MaterialsRequested', askA.commandId)]);
    // A system event between two commands (a register check lands): not a command, never acknowledged.
    await store.append(streamOf(caseA), [event('RecordsVerified', 'system-1')]);
    await store.append(streamOf(caseA), [event('CaseAccepted', acceptA.commandId), event('AcceptanceReceiptIssued', acceptA.commandId)]);
    const openB = command(caseB, 'open');
    const acceptB = command(caseB, 'accept');
    await store.append(streamOf(caseB), [event('CaseOpened', openB.commandId)]);
    await store.append(streamOf(caseB), [event('CaseAccepted', acceptB.commandId), event('AcceptanceReceiptIssued', acceptB.commandId)]);
  });
  afterAll(() => store?.close());

  it('finds nothing wrong with the store as written', async () => {
    const verdict = verifyStore(acked, await readCaseEvents(store.sql, store.tables.events));
    expect({ lost: verdict.lost, duplicated: verdict.duplicated, broken: verdict.brokenStreams }).toEqual({ lost: 0, duplicated: 0, broken: [] });
  });

  it('reports lost=1 duplicated=1 for a copy with one acknowledged event deleted and one written twice', async () => {
    const [askA] = acked.filter((c) => c.command === 'request-materials');
    const [acceptB] = acked.filter((c) => c.caseId === caseB && c.command === 'accept');
    await store.sql.transaction(async (tx) => {
      await tx.query(`DELETE FROM ${store.tables.events} WHERE metadata->>'commandId' = $1`, [askA.commandId]);
      // The accept of case B applied a second time, after the first: its events again, at the next versions.
      await tx.query(
        `INSERT INTO ${store.tables.events} (transaction_id, event_id, stream_id, category, version, type, data, metadata, occurred_at, prev_hash, hash)
         SELECT pg_current_xact_id(), event_id || '-again', stream_id, category, version + 2, type, data, metadata, occurred_at, hash, hash
         FROM ${store.tables.events} WHERE metadata->>'commandId' = $1`,
        [acceptB.commandId],
      );
    });
    const verdict = verifyStore(acked, await readCaseEvents(store.sql, store.tables.events));
    expect({ lost: verdict.lost, duplicated: verdict.duplicated }).toEqual({ lost: 1, duplicated: 1 });
    expect(verdict.lostCommands).toEqual([askA]);
    expect(verdict.duplicatedCommands).toEqual([acceptB]);
    expect(verdict.brokenStreams).toEqual([streamOf(caseA)]);
  });

  it('finds a read model that differs from a rebuild from the log', async () => {
    const projection = streamCountsProjection({ name: 'faults_counts', category: 'case' });
    const models = { counts: projection };
    const live = tableOf(projection);
    await projection.init(store.sql, live);
    await replayInto({ store, sql: store.sql, projection, table: live, batchSize: 100, shouldStop: () => false, onProgress: () => undefined }, '');
    expect(await compareWithRebuild(store, store.sql, models)).toEqual([{ readModel: 'counts', differingRows: 0 }]);
    await store.sql.query(`UPDATE ${live} SET events = events + 1 WHERE stream_id = $1`, [streamOf(caseA)]);
    // The tampered row differs both ways: the live row is not in the rebuild, nor the rebuilt row in the live table.
    expect(await compareWithRebuild(store, store.sql, models)).toEqual([{ readModel: 'counts', differingRows: 2 }]);
  });
});
