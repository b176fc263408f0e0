import { Agent, request } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { installHttpDrain, type HttpDrain } from '../../apps/runtime/http-drain';

interface Answer {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  /** The socket error's code when no answer came. */
  error?: string;
}

/** One POST through `agent` (each client keeps its own kept-alive connection). */
function post(agent: Agent, port: number, path: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request({ agent, host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(JSON.stringify({ n: 1 }));
  });
}

// The HTTP drain on a bare Fastify server: what clients see while a process stops.
describe('HTTP drain', () => {
  let app: FastifyInstance;
  let http: HttpDrain;
  let port: number;
  const agents: Agent[] = [];
  const client = () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    return agent;
  };
  // /slow answers once the test releases it.
  let gate: Promise<void>;
  let release: () => void;

  beforeEach(async () => {
    gate = new Promise((resolve) => (release = resolve));
    app = Fastify();
    http = installHttpDrain(app);
    app.post('/slow', async () => {
      await gate;
      return { done: true };
    });
    app.post('/fast', async () => ({ done: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  afterEach(async () => {
    release();
    for (const agent of agents.splice(0)) agent.destroy();
    await app.close();
  });

  it('answers the request in flight, closing its connection; a kept-alive and a new connection get a 503 problem', async () => {
    const slowClient = client();
    const keptAlive = client();
    expect((await post(keptAlive, port, '/fast')).status).toBe(200); // its connection stays open, idle
    const inFlight = post(slowClient, port, '/slow');
    while (http.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));

    const drained = http.drain(10_000);
    const refused = await post(keptAlive, port, '/fast');
    expect(refused.status).toBe(503);
    expect(refused.headers).toMatchObject({ 'content-type': expect.stringMatching(/^application\/problem\+json/), connection: 'close', 'retry-after': '5' });
    expect(JSON.parse(refused.body!)).toMatchObject({ status: 503, detail: expect.stringMatching(/shutting down.*Idempotency-Key/) });
    // A new connection is still taken while the drain lasts, and told to go: closing the listener at once reset
    // the connections already queued in the kernel's accept backlog, with their requests unanswered.
    const newcomer = await post(client(), port, '/fast');
    expect(newcomer).toMatchObject({ status: 503, headers: { connection: 'close', 'retry-after': '5' } });

    release();
    const answered = await inFlight;
    expect(answered).toMatchObject({ status: 200, headers: { connection: 'close' }, body: JSON.stringify({ done: true }) });
    await drained;
    expect(http.inFlight()).toBe(0);
    // Once drained, the listener is closed: a new connection is refused.
    expect(await post(client(), port, '/fast')).toEqual({ error: 'ECONNREFUSED' });
  });

  it('ends the drain only once clients have been quiet for a moment', async () => {
    expect((await post(client(), port, '/fast')).status).toBe(200);
    const started = Date.now();
    await http.drain(10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(http.inFlight()).toBe(0);
  });

  it('stays open for a moment after the last answer: a client told to close comes back on a new connection and gets its 503', async () => {
    const slowClient = client();
    const inFlight = post(slowClient, port, '/slow');
    while (http.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    const drained = http.drain(10_000);
    // The request in flight takes longer than the quiet period: counted from its arrival, the drain would close the
    // listener the moment it is answered, and the client's next request, a moment later, would find no one there.
    await new Promise((r) => setTimeout(r, 700));
    release();
    expect(await inFlight).toMatchObject({ status: 200, headers: { connection: 'close' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(await post(slowClient, port, '/fast')).toMatchObject({ status: 503, headers: { connection: 'close' } });
    await drained;
    expect(await post(client(), port, '/fast')).toEqual({ error: 'ECONNREFUSED' });
  });

  it('after a stall, answers a connection that waited in the backlog instead of resetting it', async () => {
    expect((await post(client(), port, '/fast')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 600)); // quiet for longer than the quiet period
    const waiting = post(client(), port, '/fast');
    let drained!: Promise<void>;
    // Queued after the client's connect: the kernel has the connection in the listener's backlog, and this
    // process has not taken it yet (it takes connections only once it gets back to the event loop), as after a stall.
    await new Promise<void>((resolve) =>
      process.nextTick(() => {
        drained = http.drain(10_000);
        resolve();
      }),
    );
    expect(await waiting).toMatchObject({ status: 503, headers: { connection: 'close' } });
    await drained;
  });

  it('at the timeout too, answers a connection that waited in the backlog instead of resetting it', async () => {
    expect((await post(client(), port, '/fast')).status).toBe(200); // traffic a moment ago: not quiet
    const drained = http.drain(200);
    const waiting = post(client(), port, '/fast');
    // Queued after the client's connect: this process is busy past the drain's timeout while the connection waits in
    // the listener's backlog, as under steady traffic at the end of a drain.
    await new Promise<void>((resolve) =>
      process.nextTick(() => {
        const until = Date.now() + 300;
        while (Date.now() < until);
        resolve();
      }),
    );
    expect(await waiting).toMatchObject({ status: 503, headers: { connection: 'close' } });
    await drained;
  });

  it('gives up on a request that never ends after the timeout, leaving it to the caller', async () => {
    const hanging = post(client(), port, '/slow');
    while (http.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await http.drain(300);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(http.inFlight()).toBe(1);
    release();
    expect((await hanging).status).toBe(200);
  });
});
