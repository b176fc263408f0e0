import { randomUUID } from 'node:crypto';
import { replay } from '../../apps/api/cases/case-reader';
import { caseTypeModule, decideAction, type CaseEvent, type CaseState } from '../../domain';
import type { RecordedEvent } from '../../event-store/types';
import { casesProjection } from '../../projections/cases/cases.projection';
import { streamIdOf } from '../../workflows/definitions';
import { openPglite, openPostgres } from '../event-store/support/adapters';
import { caseworker, multiEntryVisaAt, opened, testEnv } from '../domain/support/given';

/**
 * Tables keeping a case's state share one fold per version of a case (issue 15: each read model folded and
 * serialised the full case again): the live table and a rebuild's, or three here. Whichever applies a batch
 * first, in whatever batches, each row must hold the state a full replay gives.
 */
const TABLES = ['rm_cases', 'cs_second', 'cs_third'];

// On PostgreSQL and on PGlite (the embedded profile's store): the same statements must mean the same on both.
describe.each([
  ['PostgreSQL', openPostgres],
  ['PGlite', openPglite],
])('tables keeping the case state (%s)', (_, open) => {
  const module = caseTypeModule('multi-entry-visa');
  const officer = caseworker('440106');
  let adapter: Awaited<ReturnType<typeof openPglite>>;
  beforeAll(async () => {
    adapter = await open();
    for (const table of TABLES) await casesProjection.init(adapter.store.sql, table);
  });
  afterAll(() => adapter?.dispose());

  const append = async (caseId: string, events: CaseEvent[]): Promise<RecordedEvent[]> => {
    const before = (await adapter.store.readStream(streamIdOf(caseId))).length;
    await adapter.store.append(
      streamIdOf(caseId),
      events.map((e) => ({
        id: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: {
          ...(e.clocks ? { clocks: e.clocks } : {}),
          actor: officer.id,
          role: officer.role,
          office: officer.office,
          at: e.at,
          commandId: randomUUID(),
          correlationId: randomUUID(),
        },
      })),
    );
    return adapter.store.readStream(streamIdOf(caseId), { fromVersion: before + 1 });
  };
  /** A new case's lodging, then its acceptance, each appended as the workflow would. */
  const lodgedAndAccepted = async () => {
    const caseId = randomUUID();
    const lodging = await append(caseId, opened(module, multiEntryVisaAt('440106'), officer, '2026-11-25T02:00:00.000Z', caseId));
    const acceptance = await append(
      caseId,
      decideAction(module, replay(lodging)!, 'accept', {}, { actor: officer, at: '2026-11-25T03:00:00.000Z', ...testEnv }),
    );
    return { caseId, lodging, acceptance };
  };
  /** The store's connection, noting the statements it sends that match `kind`. */
  const noting = (kind: RegExp) => {
    const sent: string[] = [];
    const query = ((text: string, params?: unknown[]) => {
      if (kind.test(text)) sent.push(text);
      return adapter.store.sql.query(text, params);
    }) as typeof adapter.store.sql.query;
    return { sql: { ...adapter.store.sql, query }, sent };
  };
  const stored = async (table: string, caseId: string) =>
    (await adapter.store.sql.query<{ state: CaseState }>(`SELECT state FROM ${table} WHERE case_id = $1`, [caseId])).rows[0]?.state;

  it('hold the replayed state whichever applies first and however the events are batched', async () => {
    // Given a case lodged, then accepted
    const { caseId, lodging, acceptance } = await lodgedAndAccepted();
    const sql = adapter.store.sql;

    // When one read model applies both in one batch, another in two, the third the lodging twice (re-delivery)
    await casesProjection.apply(sql, [...lodging, ...acceptance], 'rm_cases');
    await casesProjection.apply(sql, lodging, 'cs_second');
    await casesProjection.apply(sql, acceptance, 'cs_second');
    await casesProjection.apply(sql, lodging, 'cs_third');
    await casesProjection.apply(sql, lodging, 'cs_third');
    const afterLodging = await stored('cs_third', caseId);
    await casesProjection.apply(sql, [...lodging, ...acceptance], 'cs_third');

    // Then every row holds the full replay, and the re-delivered lodging changed nothing
    const expected = JSON.parse(JSON.stringify(replay([...lodging, ...acceptance])));
    expect(expected.status).toBe('accepted');
    expect(afterLodging).toEqual(JSON.parse(JSON.stringify(replay(lodging))));
    for (const table of TABLES) expect({ table, state: await stored(table, caseId) }).toEqual({ table, state: expected });
  });

  it('fold the next batch of a case seen lately on the state kept, and a new case, without reading its row', async () => {
    // Given a case lodged, then accepted
    const { caseId, lodging, acceptance } = await lodgedAndAccepted();
    const { sql, sent: reads } = noting(/^\s*SELECT/i);
    // When the lodging is applied, then the acceptance, which follows it directly
    await casesProjection.apply(sql, lodging, 'rm_cases');
    await casesProjection.apply(sql, acceptance, 'rm_cases');

    // Then no row is read (a lodging has none before it) and the row holds the full replay
    expect(reads).toEqual([]);
    expect(await stored('rm_cases', caseId)).toEqual(JSON.parse(JSON.stringify(replay([...lodging, ...acceptance]))));

    // And a table behind the others (a rebuild still at the lodging) gets the same state
    await casesProjection.apply(sql, lodging, 'cs_second');
    await casesProjection.apply(sql, acceptance, 'cs_second');
    expect(await stored('cs_second', caseId)).toEqual(JSON.parse(JSON.stringify(replay([...lodging, ...acceptance]))));
  });

  it('write a batch of several cases in one statement, leaving a row that is further on as it is', async () => {
    // Given three cases lodged and accepted; the first one's row already at its acceptance
    const cases = [await lodgedAndAccepted(), await lodgedAndAccepted(), await lodgedAndAccepted()];
    await casesProjection.apply(adapter.store.sql, [...cases[0].lodging, ...cases[0].acceptance], 'cs_second');
    const { sql, sent: writes } = noting(/^\s*INSERT/i);

    // When one batch brings the first case's lodging again (re-delivered), the second's lodging and the third's whole
    const batch = [...cases[0].lodging, ...cases[1].lodging, ...cases[2].lodging, ...cases[2].acceptance];
    await casesProjection.apply(sql, batch, 'cs_second');

    // Then the rows are written in one statement, each holding its case as far as the log has it here
    expect(writes).toHaveLength(1);
    const expected = [
      replay([...cases[0].lodging, ...cases[0].acceptance]),
      replay(cases[1].lodging),
      replay([...cases[2].lodging, ...cases[2].acceptance]),
    ].map((state) => JSON.parse(JSON.stringify(state)));
    expect(await Promise.all(cases.map(({ caseId }) => stored('cs_second', caseId)))).toEqual(expected);
    expect(expected.map((state) => state.status)).toEqual(['accepted', 'submitted', 'accepted']);
  });
});
