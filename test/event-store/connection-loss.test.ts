// A PostgreSQL restart (or an administrator's pg_terminate_backend) kills the connections a process holds.
// The process must survive it: the work on that connection fails, the next query gets a new connection.
import { Client } from 'pg';
import { createPgSqlClient } from '../../event-store/postgres/pg-client';
import { TEST_DATABASE_URL } from './support/adapters';

async function terminate(pid: number): Promise<void> {
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL connection loss', () => {
  const sql = createPgSqlClient({ connectionString: TEST_DATABASE_URL, max: 2 });
  afterAll(() => sql.close());

  it('fails a transaction whose connection is terminated between statements, and keeps the process alive', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => void uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const outcome = sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await terminate(rows[0].pid);
        await pause(300); // the socket closes while no statement runs: pg reports it as an 'error' event
        await tx.query('SELECT 1');
      });
      await expect(outcome).rejects.toThrow();
      expect(uncaught).toEqual([]);
      const { rows } = await sql.query<{ one: number }>('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('reconnects a pooled query after its idle connection was terminated', async () => {
    const { rows } = await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await terminate(rows[0].pid);
    await pause(300);
    // The pool may hand out the dead connection once; a fresh one answers.
    const again = await sql.query<{ one: number }>('SELECT 1 AS one').catch(() => sql.query<{ one: number }>('SELECT 1 AS one'));
    expect(again.rows).toEqual([{ one: 1 }]);
  });
});
