import type { PostgresEventStore, SqlClient, SqlExecutor } from '../../event-store/postgres';
import { sharedTransactions } from '../../projections/shared-transactions';
import { openPglite, openPostgres, type AdapterUnderTest } from '../event-store/support/adapters';
import { uniqueToken } from '../event-store/support/events';

type Opened = AdapterUnderTest & { store: PostgresEventStore };

describe.each([
  ['PGlite', openPglite],
  ['PostgreSQL', openPostgres],
] as Array<[string, () => Promise<Opened>]>)('transactions shared by the read models on %s', (_label, open) => {
  let db: Opened;
  let table: string;
  let begun: number;
  /** The database handle, counting the transactions it really runs. */
  let counting: SqlClient;

  beforeAll(async () => {
    db = await open();
  }, 60_000);
  afterAll(async () => db?.dispose());
  beforeEach(async () => {
    table = `shared_${uniqueToken()}`;
    await db.store.sql.query(`CREATE TABLE ${table} (k text PRIMARY KEY)`);
    begun = 0;
    counting = Object.assign(Object.create(db.store.sql) as SqlClient, {
      transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => {
        begun += 1;
        return db.store.sql.transaction(fn);
      },
    });
  });
  const keys = async () => (await db.store.sql.query<{ k: string }>(`SELECT k FROM ${table} ORDER BY k`)).rows.map((r) => r.k);
  const insert = (k: string) => async (tx: SqlExecutor) => {
    await tx.query(`INSERT INTO ${table} VALUES ($1)`, [k]);
    return k;
  };

  it('runs the transactions asked for in one turn as one, each caller getting its own result', async () => {
    const sql = sharedTransactions(counting);
    const results = await Promise.all([sql.transaction(insert('a')), sql.transaction(insert('b')), sql.transaction(insert('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(begun).toBe(1);
    expect(await keys()).toEqual(['a', 'b', 'c']);
    // Asked for in later turns: a transaction of its own.
    await sql.transaction(insert('d'));
    expect(begun).toBe(2);
  });

  it('lets the others commit when one fails, and gives the failing one its own error with none of its writes', async () => {
    const sql = sharedTransactions(counting);
    const failing = async (tx: SqlExecutor) => {
      await tx.query(`INSERT INTO ${table} VALUES ('x')`);
      throw new Error('cannot apply this batch');
    };
    const [a, x, b] = await Promise.allSettled([sql.transaction(insert('a')), sql.transaction(failing), sql.transaction(insert('b'))]);
    expect(a).toEqual({ status: 'fulfilled', value: 'a' });
    expect(b).toEqual({ status: 'fulfilled', value: 'b' });
    expect(x).toMatchObject({ status: 'rejected', reason: { message: 'cannot apply this batch' } });
    expect(await keys()).toEqual(['a', 'b']);
    expect(begun).toBe(4); // the shared one, rolled back; then each alone
  });

  it('is one handle per database, as the leader locks need', () => {
    expect(sharedTransactions(counting)).toBe(sharedTransactions(counting));
  });
});
