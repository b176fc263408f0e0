import { randomUUID } from 'node:crypto';
import type { SqlClient, Unlisten } from './sql-client';

/** Least time between two NOTIFYs of one store: bounds their load; other processes hear of an append this much later at worst. */
export const NOTIFY_GAP_MS = 10;

/**
 * Fan-out of append notifications to the subscriptions of one store: a single LISTEN connection,
 * opened on first use. A counter lets a waiter notice a notification that arrived while it was reading.
 *
 * Appends do not NOTIFY inside their own transaction: a notifying transaction holds a database-wide lock
 * from pre-commit until its commit is flushed, so every appender's commit would queue behind the others'.
 * Instead, once an append has committed, announce() wakes this process's subscribers at once and tells
 * other processes with a NOTIFY of its own: one statement at a time, at most one per NOTIFY_GAP_MS, async
 * commit (nothing to lose), the appends that commit meanwhile folded into the next one. Every append is
 * still followed by a NOTIFY that commits after it; polling remains the fallback if one is lost. The
 * payload names the sending store, which ignores its own echo (its subscribers were woken already).
 */
export class Wakeups {
  private seq = 0;
  private waiters = new Set<() => void>();
  private unlisten: Promise<Unlisten | null> | null = null;
  private announcing: Promise<void> | null = null;
  private announceAgain = false;
  private closed = false;
  private readonly origin = randomUUID();

  constructor(
    private readonly sql: SqlClient,
    private readonly channel: string,
  ) {}

  /** Starts listening (once); failure leaves subscribers on polling alone. */
  ensureListening(): void {
    this.unlisten ??= this.sql
      .listen(this.channel, (payload) => {
        if (payload !== this.origin) this.notify();
      })
      .catch(() => null);
  }

  get sequence(): number {
    return this.seq;
  }

  notify(): void {
    this.seq += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /** An append of this store has committed: wake local subscribers now, and other processes via NOTIFY. */
  announce(): void {
    this.notify();
    if (this.closed) return;
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = this.sendNotifications().finally(() => (this.announcing = null));
  }

  private async sendNotifications(): Promise<void> {
    for (;;) {
      this.announceAgain = false;
      const sent = Date.now();
      await this.sql.query(`SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`, [this.channel, this.origin]).catch(() => undefined); // a lost wake-up only costs a poll interval
      const gap = sent + NOTIFY_GAP_MS - Date.now();
      if (gap > 0 && !this.closed) await new Promise((resolve) => setTimeout(resolve, gap));
      if (!this.announceAgain || this.closed) return;
    }
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
    this.closed = true;
    await this.announcing;
    const unlisten = await this.unlisten;
    this.unlisten = null;
    await unlisten?.().catch(() => undefined);
    this.notify();
  }
}
