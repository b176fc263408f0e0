import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Http2Server, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/config';
import { connectClient } from '../../apps/runtime/temporal';

/**
 * Closing the API's Temporal client while a call waits to be retried. On grpc-js, the SDK's retry interceptor slept
 * between attempts on a timer that close() did not cancel, and an attempt after close threw inside that timer, where
 * nothing could catch it. The client now runs on the native connection, which retries in the SDK's core: a call open
 * at close settles (answered or failed, never thrown where nothing catches it), and no attempt follows the close.
 * The server is a small HTTP/2 gRPC endpoint that answers UNAVAILABLE (retried by the SDK) as often as told, then OK
 * with an empty message: enough for GetSystemInfo.
 */
describe('the Temporal client closes cleanly with a call open', () => {
  let dir: string;
  let server: Http2Server;
  let address: string;
  let unavailable = 0;
  let attempts = 0;
  const sessions = new Set<ServerHttp2Session>();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casework-client-'));
    server = createServer();
    server.on('session', (session) => sessions.add(session.on('close', () => sessions.delete(session))));
    server.on('stream', (stream) => {
      attempts++;
      const status = unavailable > 0 ? (unavailable--, '14') : '0';
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': status, ...(status === '0' ? {} : { 'grpc-message': 'down' }) }));
      stream.end(status === '0' ? Buffer.from([0, 0, 0, 0, 0]) : undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const session of sessions) session.destroy();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a call open at close settles, and no attempt follows the close', async () => {
    const cfg = loadConfig({ CASEWORK_DATA_DIR: dir, JWT_SECRET: 'x'.repeat(32), TEMPORAL_ADDRESS: address });
    const { client, close } = await connectClient(cfg.temporal);
    unavailable = 3;
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    try {
      let answered: string | undefined;
      const call = client.workflowService.getSystemInfo({}).then(
        () => (answered = 'ok'),
        () => (answered = 'failed'),
      );
      await new Promise((r) => setTimeout(r, 30)); // the first attempt has failed: the call waits before the next
      await close();
      await call;
      expect(['ok', 'failed']).toContain(answered);
      const afterClose = attempts;
      await new Promise((r) => setTimeout(r, 1_000)); // longer than the SDK's longest pause between the first attempts
      expect(attempts).toBe(afterClose);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    }
  });

  it('closes at once when no call is open', async () => {
    const cfg = loadConfig({ CASEWORK_DATA_DIR: dir, JWT_SECRET: 'x'.repeat(32), TEMPORAL_ADDRESS: address });
    unavailable = 0;
    const { client, close } = await connectClient(cfg.temporal);
    await client.workflowService.getSystemInfo({});
    const started = Date.now();
    await close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
