import type { SqlClient, Unlisten } from './sql-client';

/**
 * Fan-out of append notifications to the subscriptions of one store: a single LISTEN connection,
 * opened on first use. A counter lets a waiter notice a notification that arrived while it was reading.
 */
export class Wakeups {
  private seq = 0;
  private waiters = new Set<() => void>();
  private unlisten: Promise<Unlisten | null> | null = null;

  constructor(
    private readonly sql: SqlClient,
    private readonly channel: string,
  ) {}

  /** Starts listening (once); failure leaves subscribers on polling alone. */
  ensureListening(): void {
    this.unlisten ??= this.sql.listen(this.channel, () => this.notify()).catch(() => null);
  }

  get sequence(): number {
    return this.seq;
  }

  notify(): void {
    this.seq += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves on the next notification after `seenSeq`, or after `timeoutMs`, or when `abort` fires. */
  wait(seenSeq: number, timeoutMs: number, abort: { onAbort(fn: () => void): void }): Promise<void> {
    if (this.seq !== seenSeq) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      abort.onAbort(done);
    });
  }

  async close(): Promise<void> {
    const unlisten = await this.unlisten;
    this.unlisten = null;
    await unlisten?.().catch(() => undefined);
    this.notify();
  }
}
