import Fastify, { type FastifyInstance } from 'fastify';
import { installHttpDrain, type HttpDrain } from '../../apps/runtime/http-drain';

// The HTTP drain on a bare Fastify server: what a client sees while a process stops.
describe('HTTP drain', () => {
  let app: FastifyInstance;
  let http: HttpDrain;
  let base: string;
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
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    release();
    await app.close();
  });

  const post = (path: string) => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: 1 }) });

  it('answers a request in flight, closing its connection, and refuses new ones with a 503 problem', async () => {
    const inFlight = post('/slow');
    while (http.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));

    const drained = http.drain(10_000);
    const refused = await post('/fast');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('connection')).toBe('close');
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ status: 503, detail: expect.stringMatching(/shutting down.*Idempotency-Key/) });

    release();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.headers.get('connection')).toBe('close');
    expect(await answered.json()).toEqual({ done: true });
    await drained;
    expect(http.inFlight()).toBe(0);
  });

  it('ends the drain only once clients have been quiet for a moment', async () => {
    expect((await post('/fast')).status).toBe(200);
    const started = Date.now();
    await http.drain(10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(http.inFlight()).toBe(0);
  });

  it('gives up on a request that never ends after the timeout, leaving it to the caller', async () => {
    const hanging = post('/slow').catch(() => undefined);
    while (http.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await http.drain(300);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(http.inFlight()).toBe(1);
    release();
    await hanging;
  });
});
