import { PGlite } from '@electric-sql/pglite';
import { IdempotencyStore } from '../../apps/api/idempotency/idempotency';
import { createPgliteSqlClient } from '../../event-store/postgres/pglite-client';
import type { SqlClient } from '../../event-store/postgres/sql-client';

/**
 * Stored idempotent answers hold personal data (the case view): they are replayed for their time to live
 * (IDEMPOTENCY_TTL_HOURS, 24 h by default) and forgotten after it. On a real PGlite database.
 */
describe('IdempotencyStore: stored answers expire', () => {
  let sql: SqlClient;
  beforeAll(async () => {
    sql = createPgliteSqlClient(new PGlite(), { ownsInstance: true });
  });
  afterAll(() => sql.close());

  it('replays an answer within its time to live, forgets it after, and then takes the key as new', async () => {
    const store = new IdempotencyStore(sql, 1_000);
    await store.onModuleInit();
    await store.remember('officer-li', 'k1', 'hash-a', { status: 201, body: { caseId: 'c1', applicant: { name: '张三' } } });
    await expect(store.find('officer-li', 'k1', 'hash-a')).resolves.toEqual({ status: 201, body: { caseId: 'c1', applicant: { name: '张三' } } });
    await expect(store.find('officer-li', 'k1', 'hash-b')).rejects.toMatchObject({ status: 422 });

    await new Promise((r) => setTimeout(r, 1_200));
    // Expired: not replayed, and another body under the same key is a new request, not a conflict.
    await expect(store.find('officer-li', 'k1', 'hash-a')).resolves.toBeNull();
    await expect(store.find('officer-li', 'k1', 'hash-b')).resolves.toBeNull();
    await store.remember('officer-li', 'k1', 'hash-b', { status: 200, body: { caseId: 'c2' } });
    await expect(store.find('officer-li', 'k1', 'hash-b')).resolves.toEqual({ status: 200, body: { caseId: 'c2' } });

    // Storing an answer purges the expired ones: no personal data lingers in the table.
    await store.remember('officer-wang', 'k2', 'hash-c', { status: 201, body: { caseId: 'c3' } });
    await new Promise((r) => setTimeout(r, 1_200));
    await store.remember('officer-zhao', 'k3', 'hash-d', { status: 201, body: { caseId: 'c4' } });
    const { rows } = await sql.query<{ subject: string }>('SELECT subject FROM api_idempotency ORDER BY subject');
    expect(rows.map((r) => r.subject)).toEqual(['officer-zhao']);
  });

  it('keeps answers for 24 hours unless configured otherwise', async () => {
    const store = new IdempotencyStore(sql);
    await store.onModuleInit();
    await store.remember('officer-qian', 'k4', 'hash-e', { status: 201, body: { caseId: 'c5' } });
    await sql.query(`UPDATE api_idempotency SET created_at = now() - interval '23 hours' WHERE subject = 'officer-qian'`);
    await expect(store.find('officer-qian', 'k4', 'hash-e')).resolves.not.toBeNull();
    await sql.query(`UPDATE api_idempotency SET created_at = now() - interval '25 hours' WHERE subject = 'officer-qian'`);
    await expect(store.find('officer-qian', 'k4', 'hash-e')).resolves.toBeNull();
  });
});
