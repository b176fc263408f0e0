import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createCaseRequestLog } from '../../activities/registries';
import { casesProjection } from '../../projections/cases/cases.projection';
import type { SqlExecutor } from '../../event-store/postgres/sql-client';
import { TEST_DATABASE_URL } from '../event-store/support/adapters';

/**
 * The request log of no-criminal-record certificates (docs/domain.md §7.6) is this store's own no-criminal-record
 * cases: found through the case list's `lookup_keys` index, counted over the year before a request. Shown on
 * PostgreSQL among 20 000 other cases: the person's requests in the window, nobody else's, no other type, and an
 * index probe rather than a scan.
 */
describe('the request log read from the case list', () => {
  const schema = `t_reqlog_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const table = 'rm_cases';
  const PERSON = '440106199308122343';
  let pg: Client;
  let sql: SqlExecutor;
  const row = (caseId: string, type: string, openedAt: string, key: string) =>
    pg.query(
      `INSERT INTO ${table} (case_id, version, state, type, status, offices, provinces, applicant_id, sla, opened_at, lookup_keys, open, channel, cross_province, kind)
       VALUES ($1, 1, '{}'::jsonb, $2, 'completed', ARRAY['440106'], ARRAY['44'], NULL, 'none', $3, ARRAY[$4], false, 'window', false, 'application')`,
      [caseId, type, openedAt, key],
    );
  beforeAll(async () => {
    pg = new Client({ connectionString: TEST_DATABASE_URL });
    await pg.connect();
    await pg.query(`CREATE SCHEMA ${schema}`);
    await pg.query(`SET search_path TO ${schema}`);
    sql = { query: async (text, params) => (await pg.query(text, params as unknown[])) as never };
    await casesProjection.init(sql, table);
    await pg.query(`INSERT INTO ${table} (case_id, version, state, type, status, offices, provinces, applicant_id, sla, opened_at, lookup_keys, open, channel, cross_province, kind)
      SELECT 'c' || i, 1, '{}'::jsonb, 'no-criminal-record', 'completed', ARRAY['440106'], ARRAY['44'], NULL, 'none',
             now() - i * interval '30 minutes', ARRAY['receipt:R' || i, 'idNumber:' || (440105199001000000 + i)], false, 'window', false, 'application'
      FROM generate_series(1, 20000) AS i`);
    // The person's requests around the year before 25 November 2026 10:00 (Shanghai), and what must not count.
    await row('before-the-year', 'no-criminal-record', '2025-11-24T15:59:59.999Z', `idNumber:${PERSON}`); // 24 Nov 23:59:59 Shanghai
    await row('first-day', 'no-criminal-record', '2025-11-24T16:00:00.000Z', `idNumber:${PERSON}`); // 25 Nov 2025 00:00 Shanghai
    await row('in-june', 'no-criminal-record', '2026-06-10T03:00:00.000Z', `idNumber:${PERSON}`);
    await row('this-request', 'no-criminal-record', '2026-11-25T02:00:00.000Z', `idNumber:${PERSON}`);
    await row('another-type', 'household-certificate', '2026-03-01T03:00:00.000Z', `idNumber:${PERSON}`);
    await row('a-foreigner', 'no-criminal-record', '2026-03-01T03:00:00.000Z', 'passportNo:E12345678');
    await pg.query(`ANALYZE ${table}`);
  }, 60_000);
  afterAll(async () => {
    await pg?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pg?.end();
  });

  it("counts the person's no-criminal-record requests from the first Shanghai day of the year, before the request asked about", async () => {
    const log = createCaseRequestLog(sql, table, { latencyMs: 0 });
    await expect(log.requestsOf({ idNumber: PERSON }, '2025-11-25', '2026-11-25T02:00:00.000Z')).resolves.toEqual([
      '2025-11-24T16:00:00.000Z',
      '2026-06-10T03:00:00.000Z',
    ]);
    await expect(log.requestsOf({ passportNo: 'E12345678' }, '2025-11-25', '2026-11-25T02:00:00.000Z')).resolves.toEqual(['2026-03-01T03:00:00.000Z']);
    await expect(log.requestsOf({ idNumber: '440106199003071231' }, '2025-11-25', '2026-11-25T02:00:00.000Z')).resolves.toEqual([]);
  });

  it('reads the look-up index, not every case', async () => {
    let plan = '';
    const explaining: SqlExecutor = {
      query: async (text, params) => {
        plan = (await pg.query(`EXPLAIN ${text}`, params as unknown[])).rows.map((r) => r['QUERY PLAN']).join('\n');
        return { rows: [] } as never;
      },
    };
    await createCaseRequestLog(explaining, table, { latencyMs: 0 }).requestsOf({ idNumber: PERSON }, '2025-11-25', '2026-11-25T02:00:00.000Z');
    expect({ usesIndex: plan.includes(`${table}_lookup`), scans: /Seq Scan/.test(plan) }).toEqual({ usesIndex: true, scans: false });
  });
});
