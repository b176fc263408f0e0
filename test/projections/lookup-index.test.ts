import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { casesProjection } from '../../projections/cases/cases.projection';
import { findCases, findCasesQuery, lookupKeysOf } from '../../projections/cases/find-cases';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import type { CaseState } from '../../domain';
import { TEST_DATABASE_URL } from '../event-store/support/adapters';

/**
 * Look-ups are index probes (issue 12): an exact look-up by receipt, document, ID or passport number reads
 * the case list's `lookup_keys` GIN index, not every case's state. Shown on PostgreSQL with 20 000 cases:
 * the planner picks the index for every kind of key, within every kind of scope.
 */
describe('the look-up index of the case list', () => {
  const schema = `t_lookup_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const table = 'rm_cases';
  let pg: Client;
  let sql: SqlExecutor;
  beforeAll(async () => {
    pg = new Client({ connectionString: TEST_DATABASE_URL });
    await pg.connect();
    await pg.query(`CREATE SCHEMA ${schema}`);
    await pg.query(`SET search_path TO ${schema}`);
    sql = { query: async (text, params) => (await pg.query(text, params as unknown[])) as never };
    await casesProjection.init(sql, table);
    // 20 000 cases across two provinces, each with a receipt, a document and an ID or passport number, and a
    // state of about 800 bytes (a real case's state is larger: the larger, the more a scan costs).
    await pg.query(`INSERT INTO ${table} (case_id, version, state, type, status, offices, provinces, applicant_id, sla, opened_at, lookup_keys, open, channel, cross_province, kind)
      SELECT 'c' || i, 1, jsonb_build_object('caseId', 'c' || i, 'rest', (SELECT string_agg(md5(i::text || j::text), '') FROM generate_series(1, 24) AS j)), 'port-visa', 'submitted',
             ARRAY[CASE WHEN i % 2 = 0 THEN '440106' ELSE '310101' END], ARRAY[CASE WHEN i % 2 = 0 THEN '44' ELSE '31' END],
             'user-' || (i % 500), 'on-track', now() - i * interval '1 minute',
             ARRAY['receipt:R' || i, 'document:D' || i, CASE WHEN i % 3 = 0 THEN 'passportNo:P' || i ELSE 'idNumber:' || (440105199001000000 + i) END],
             true, 'window', false, 'application'
      FROM generate_series(1, 20000) AS i`);
    await pg.query(`ANALYZE ${table}`);
  }, 60_000);
  afterAll(async () => {
    await pg?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pg?.end();
  });

  const keys = [{ receipt: 'R4242' }, { document: 'D4242' }, { idNumber: String(440105199001000000 + 4244) }, { passportNo: 'P4242' }];
  const scopes = [
    { kind: 'all' },
    { kind: 'office', office: '440106' },
    { kind: 'province', province: '44' },
    { kind: 'applicant', applicantId: 'user-242' },
  ] as const;

  it('is what every kind of exact look-up reads, in every scope', async () => {
    for (const key of keys) {
      for (const scope of scopes) {
        const q = findCasesQuery(table, key, scope);
        const plan = (await pg.query(`EXPLAIN ${q.text}`, q.params)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect({ key, scope, usesIndex: plan.includes(`${table}_lookup`), scans: /Seq Scan/.test(plan) }).toEqual({
          key,
          scope,
          usesIndex: true,
          scans: false,
        });
      }
    }
  });

  it('finds exactly the case that carries the key', async () => {
    expect((await findCases(sql, table, { receipt: 'R4242' }, { kind: 'all' })).map((s) => s.caseId)).toEqual(['c4242']);
    expect((await findCases(sql, table, { receipt: 'R424' }, { kind: 'all' })).map((s) => s.caseId)).toEqual(['c424']);
    expect(await findCases(sql, table, { receipt: 'R4242' }, { kind: 'province', province: '31' })).toEqual([]);
    // The kind of identifier is part of the key: a receipt number given as a document number finds nothing.
    expect(await findCases(sql, table, { document: 'R4242' }, { kind: 'all' })).toEqual([]);
  });

  it('keys a case by the receipts and documents it issued and the applicant’s numbers', () => {
    const state = {
      receipts: [{ kind: 'acceptance', number: 'R1', at: '' }],
      documents: [{ number: 'D1' }, { number: 'D2' }],
      applicant: { name: 'A', idNumber: '440105199001011239', passportNo: 'E12345678' },
    } as unknown as CaseState;
    expect(lookupKeysOf(state)).toEqual(['receipt:R1', 'document:D1', 'document:D2', 'idNumber:440105199001011239', 'passportNo:E12345678']);
  });
});
