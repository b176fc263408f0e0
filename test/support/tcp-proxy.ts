import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of a real server (PostgreSQL, Temporal), for outages on demand: `cut()` drops every
 * connection and refuses new ones, as a crashed or unreachable server does; `restore()` serves again on the
 * same port. Only loopback traffic.
 */
export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  /** The relay while it serves; none while cut. */
  let server: Server | undefined;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const relay = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined); // a cut ends both sides abruptly: that is the point
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      relay.once('error', reject);
      relay.listen(port, '127.0.0.1', () => {
        server = relay;
        resolve((relay.address() as { port: number }).port);
      });
    });
  const port = await listen(0);
  const stop = async () => {
    const relay = server;
    server = undefined;
    if (!relay) return;
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  };
  return {
    port,
    cut: stop,
    // Serving already: nothing to do (listening again on its port would fail and lose track of the relay that serves).
    restore: async () => {
      if (!server) await listen(port);
    },
    close: stop,
  };
}
