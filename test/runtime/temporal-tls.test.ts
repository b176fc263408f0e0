import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../config/config';
import { connectClient, connectNative } from '../../apps/runtime/temporal';
import { importEsm } from '../support/import-esm';

/**
 * mTLS towards Temporal (issue 12): the API's client and the worker, both on the SDK's native connection (Rust core),
 * configured from TEMPORAL_TLS_*, verify the server against the CA and present the client certificate made by
 * `npm run temporal:certs`. The CLI's development server has no TLS options (`temporal server start-dev --help`
 * lists none), so the server here is a small Node HTTP/2 endpoint with the script's server certificate that
 * requires a client certificate from the same CA and answers every gRPC call with an empty message: enough
 * for both SDKs' connection checks (GetSystemInfo), which is where a TLS or certificate failure shows.
 */
describe('TLS with client certificates towards Temporal', () => {
  let dir: string;
  let server: Http2SecureServer;
  let address: string;
  const callers: (string | undefined)[] = [];
  const sessions = new Set<ServerHttp2Session>();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casework-tls-'));
    const { generateTemporalCerts } = await importEsm<{ generateTemporalCerts: (dir: string, o?: object) => string[] }>(
      join(__dirname, '..', '..', 'scripts', 'lib', 'temporal-certs.mjs'),
    );
    generateTemporalCerts(join(dir, 'ours'));
    generateTemporalCerts(join(dir, 'other'));
    server = createSecureServer({
      key: readFileSync(join(dir, 'ours', 'server.key')),
      cert: readFileSync(join(dir, 'ours', 'server.pem')),
      ca: readFileSync(join(dir, 'ours', 'ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
      allowHTTP1: false,
    });
    server.on('session', (session) => sessions.add(session.on('close', () => sessions.delete(session))));
    server.on('stream', (stream) => {
      callers.push(((stream.session?.socket as TLSSocket).getPeerCertificate().subject as { CN?: string } | undefined)?.CN);
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(Buffer.from([0, 0, 0, 0, 0])); // one gRPC message of zero bytes: an empty response message
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // Open HTTP/2 sessions would hold close() until they time out.
    for (const session of sessions) session.destroy();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const tlsEnv = (set: string, withClient = true) => ({
    CASEWORK_DATA_DIR: dir,
    JWT_SECRET: 'x'.repeat(32),
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TLS_CA_FILE: join(dir, 'ours', 'ca.pem'),
    TEMPORAL_TLS_SERVER_NAME: 'temporal',
    ...(withClient ? { TEMPORAL_TLS_CERT_FILE: join(dir, set, 'client.pem'), TEMPORAL_TLS_KEY_FILE: join(dir, set, 'client.key') } : {}),
  });

  it('the API’s client connects with its certificate, and the server sees who it is', async () => {
    const cfg = loadConfig(tlsEnv('ours'));
    const { client, close } = await connectClient(cfg.temporal);
    await client.workflowService.getSystemInfo({});
    await close();
    expect(callers).toContain('casework');
  });

  it('the worker’s native connection connects with its certificate', async () => {
    const before = callers.length;
    const cfg = loadConfig(tlsEnv('ours'));
    const connection = await connectNative(cfg.temporal);
    await connection.close();
    expect(callers.slice(before)).toContain('casework');
  });

  it('is refused without a client certificate, or with one another CA signed', async () => {
    const before = callers.length;
    for (const env of [tlsEnv('ours', false), tlsEnv('other')]) {
      const cfg = loadConfig(env);
      // The connection the API's client (connectClient) and the worker both open.
      await expect(connectNative(cfg.temporal)).rejects.toThrow();
    }
    expect(callers.length).toBe(before);
  });

  it('a client without TLS does not get through either', async () => {
    const before = callers.length;
    await expect(NativeConnection.connect({ address })).rejects.toThrow();
    expect(callers.length).toBe(before);
  });

  it('configuration: a certificate needs its key, and the files must exist', () => {
    expect(() => loadConfig({ ...tlsEnv('ours'), TEMPORAL_TLS_KEY_FILE: undefined })).toThrow(/go together/);
    expect(() => loadConfig({ ...tlsEnv('ours'), TEMPORAL_TLS_CA_FILE: join(dir, 'missing.pem') })).toThrow(/no file/);
    expect(loadConfig({ CASEWORK_DATA_DIR: dir, JWT_SECRET: 'x'.repeat(32) }).temporal.tls).toBeUndefined();
  });
});
