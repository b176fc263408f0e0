import { Connection } from '@temporalio/client';
import { Client } from 'pg';

// What test/support/global-setup.js promises every test file.
describe('the test environment', () => {
  it('has a Temporal server at TEMPORAL_ADDRESS serving the namespace', async () => {
    expect(process.env.TEMPORAL_ADDRESS).toMatch(/^[\w.-]+:\d+$/);
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS!, connectTimeout: 5_000 });
    try {
      const namespace = await connection.workflowService.describeNamespace({ namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
      expect(namespace.namespaceInfo?.name).toBe(process.env.TEMPORAL_NAMESPACE ?? 'default');
    } finally {
      await connection.close();
    }
  });

  it('has PostgreSQL at TEST_DATABASE_URL', async () => {
    const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('has a JWT secret', () => {
    expect(process.env.JWT_SECRET?.length).toBeGreaterThanOrEqual(16);
  });
});
