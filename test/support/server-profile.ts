// The server profile as an operator runs it (API and worker as separate processes on PostgreSQL, against the
// test run's Temporal server), for tests that signal or freeze one of the processes: its environment on a
// fresh schema, a free port and a task queue of its own, and development tokens signed with its secret.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { freshSchema } from './system';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of the repository, without types
const temporalServer = require('../../scripts/lib/temporal-server.cjs') as { freePort(): Promise<number> };

export interface ServerProfile {
  /** The API's base URL. */
  base: string;
  /** The environment both processes start with (startCaseworkProcess). */
  env: Record<string, string>;
  /** A development token for the profile's secret. */
  token(role: string, office: string, subject: string): Promise<string>;
}

export async function serverProfile(name: string, extraEnv: Record<string, string> = {}): Promise<ServerProfile> {
  const secret = randomUUID();
  const port = await temporalServer.freePort();
  const env = {
    JWT_SECRET: secret,
    NODE_ENV: 'test',
    REGISTRY_LATENCY_MS: '5',
    REGISTRY_FAILURE_RATE: '0',
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default',
    ...(await freshSchema()),
    EVENT_STORE: 'postgres',
    PORT: String(port),
    TEMPORAL_TASK_QUEUE: `casework-${name}-${randomUUID()}`,
    ...extraEnv,
  };
  const token = (role: string, office: string, subject: string) =>
    new SignJWT({ roles: [role], office })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setIssuer('casework-dev')
      .setAudience('casework')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
  return { base: `http://127.0.0.1:${port}`, env, token };
}
