// The pg adapter keeps every statement with parameters prepared on the connection that runs it, so the server parses
// and plans it once per connection. A read model rebuilt and swapped in may change a column's type under a prepared
// statement: the statement must then keep working, not fail on that connection for as long as it lives.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPgSqlClient } from '../../event-store/postgres/pg-client';
import { TEST_DATABASE_URL } from './support/adapters';

describe('prepared statements (pg adapter)', () => {
  const sql = createPgSqlClient({ connectionString: TEST_DATABASE_URL, max: 1 });
  const table = `prep_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE TABLE ${table} (id int PRIMARY KEY, label int NOT NULL)`);
    await admin.query(`INSERT INTO ${table} VALUES (1, 10), (2, 20)`);
  });
  afterAll(async () => {
    await admin.query(`DROP TABLE IF EXISTS ${table}`);
    await admin.end();
    await sql.close();
  });

  const prepared = async () => {
    const { rows } = await sql.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements');
    return rows.filter((r) => r.statement.includes(table));
  };

  it('prepares a statement with parameters once on its connection, and not one without', async () => {
    const read = `SELECT label FROM ${table} WHERE id = $1`;
    expect((await sql.query<{ label: number }>(read, [1])).rows).toEqual([{ label: 10 }]);
    expect((await sql.query<{ label: number }>(read, [2])).rows).toEqual([{ label: 20 }]);
    await sql.query(`SELECT count(*) FROM ${table}`);
    const names = await prepared();
    expect(names).toHaveLength(1);
    expect(names[0].name).toMatch(/^cw_[0-9a-f]{40}$/);
  });

  it('runs a prepared statement whose table was replaced with other column types, on its own and in a transaction', async () => {
    const read = `SELECT id, label FROM ${table} WHERE id >= $1 ORDER BY id`;
    expect((await sql.query(read, [1])).rows).toEqual([
      { id: 1, label: 10 },
      { id: 2, label: 20 },
    ]);
    // The rebuilt table, swapped in as swap-table.ts does: same name, a column of another type.
    await admin.query(
      `BEGIN; DROP TABLE ${table}; CREATE TABLE ${table} (id int PRIMARY KEY, label text NOT NULL); INSERT INTO ${table} VALUES (1, 'ten'); COMMIT`,
    );
    expect((await sql.query(read, [1])).rows).toEqual([{ id: 1, label: 'ten' }]);

    const inTx = `SELECT label FROM ${table} WHERE id = $1 AND $2::int = 0`;
    await sql.transaction((tx) => tx.query(inTx, [1, 0]));
    await admin.query(
      `BEGIN; DROP TABLE ${table}; CREATE TABLE ${table} (id int PRIMARY KEY, label int NOT NULL); INSERT INTO ${table} VALUES (1, 11); COMMIT`,
    );
    // The transaction it meets the change in fails (the server aborted it); run again, it is answered unprepared.
    await expect(sql.transaction((tx) => tx.query(inTx, [1, 0]))).rejects.toThrow(/cached plan must not change result type/);
    expect((await sql.transaction((tx) => tx.query(inTx, [1, 0]))).rows).toEqual([{ label: 11 }]);
  });
});
