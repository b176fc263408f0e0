import type { SqlClient } from '../event-store/postgres/sql-client';
import { START, type Checkpoint, type EventStore, type RecordedEvent, type Subscription } from '../event-store/types';
import {
  advanceCheckpoint,
  CheckpointFenced,
  ensureCheckpointTable,
  insertCheckpoint,
  loadCheckpoint,
  nextGeneration,
  type CheckpointRow,
} from './checkpoint-table';
import { measureLag, type ProjectionLag } from './lag';
import { tryLeadership, type Leadership } from './leader-lock';
import { rebuildTableOf, tableOf, versionOf, type Projection } from './projection';
import { replayInto, ReplayAborted } from './replay';
import { swapTable } from './swap-table';

export interface ProjectionRunnerOptions {
  store: EventStore;
  /** The database of the read models: the store's own on PostgreSQL/PGlite (`store.sql`). */
  sql: SqlClient;
  projection: Projection;
  /** Largest live batch, applied in one transaction with its checkpoint (default 500). */
  batchSize?: number;
  /** Batch size while rebuilding (default 5000). */
  rebuildBatchSize?: number;
  pollIntervalMs?: number;
  /** Live: wait this long after a wake-up so that concurrent appends share one batch (default 20 ms). */
  settleMs?: number;
  /** How often a standby retries to become leader (default 2000 ms). */
  leaderRetryMs?: number;
  /**
   * A live batch the projection ignores entirely (Projection.changes) writes nothing; its checkpoint is stored
   * with the next batch that changes the table, or alone once this long has passed since the last store, or on
   * stop (default 1000 ms). A crash before that only delivers the ignored events again.
   */
  checkpointEveryMs?: number;
  onError?(error: unknown): void;
}

export type RunnerState = 'stopped' | 'standby' | 'live' | 'rebuilding';

export interface ProjectionStatus {
  name: string;
  table: string;
  state: RunnerState;
  leader: boolean;
  checkpoint: Checkpoint;
  /** The version of the projection that built the table readers query now (older while an upgrade rebuilds it). */
  tableVersion: number;
  eventsApplied: number;
  rebuild?: { table: string; checkpoint: Checkpoint; eventsApplied: number };
  lastError?: string;
}

export interface ProjectionRunner {
  readonly name: string;
  /** The table readers query; stable across rebuilds. */
  readonly table: string;
  /** Creates proj_checkpoints, then becomes leader (or stays standby and keeps trying). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Replays into a fresh table while the current one keeps serving, swaps atomically, continues live. Leader only. */
  rebuild(): Promise<void>;
  lag(): Promise<ProjectionLag>;
  status(): ProjectionStatus;
  /** Resolves once every event visible now is applied (tests, start-up gates). */
  waitUntilCaughtUp(timeoutMs?: number): Promise<void>;
}

export function createProjectionRunner(options: ProjectionRunnerOptions): ProjectionRunner {
  return new Runner(options);
}

class Runner implements ProjectionRunner {
  readonly name: string;
  readonly table: string;
  private readonly version: number;
  private state: RunnerState = 'stopped';
  private leadership: Leadership | null = null;
  private subscription: Subscription | null = null;
  /** Everything up to here is applied (or ignored): what lag and waitUntilCaughtUp measure from. */
  private checkpoint: Checkpoint = START;
  /** The checkpoint proj_checkpoints holds, which the next write compares against; behind `checkpoint` after ignored batches. */
  private stored: Checkpoint = START;
  private storedAt = 0;
  private tableVersion: number;
  private eventsApplied = 0;
  private rebuildProgress: ProjectionStatus['rebuild'];
  private lastError: string | undefined;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Set by stop() at once, so a long replay notices before stop's turn comes. */
  private stopRequested = false;
  /** Start, stop, rebuild and leadership changes run one at a time. */
  private transitions: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.name = options.projection.name;
    this.table = tableOf(options.projection);
    this.version = versionOf(options.projection);
    this.tableVersion = this.version;
  }

  start(): Promise<void> {
    return this.serialised(async () => {
      if (this.state !== 'stopped') return;
      this.stopRequested = false;
      await ensureCheckpointTable(this.options.sql);
      this.state = 'standby';
      await this.tryToLead();
    });
  }

  stop(): Promise<void> {
    this.stopRequested = true;
    return this.serialised(async () => {
      this.state = 'stopped';
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = null;
      await this.stopLive();
      if (this.leadership) await this.storeCheckpoint().catch((error: unknown) => this.report(error));
      await this.leadership?.release();
      this.leadership = null;
    });
  }

  rebuild(): Promise<void> {
    return this.serialised(async () => {
      if (!this.leadership) throw new Error(`projection ${this.name}: only the leader rebuilds (state ${this.state})`);
      await this.rebuildAndSwap();
    });
  }

  lag(): Promise<ProjectionLag> {
    return measureLag(this.options.store, this.options.projection, this.checkpoint);
  }

  status(): ProjectionStatus {
    return {
      name: this.name,
      table: this.table,
      state: this.state,
      leader: this.leadership !== null,
      checkpoint: this.checkpoint,
      tableVersion: this.tableVersion,
      eventsApplied: this.eventsApplied,
      ...(this.rebuildProgress ? { rebuild: { ...this.rebuildProgress } } : {}),
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
    };
  }

  async waitUntilCaughtUp(timeoutMs = 30_000): Promise<void> {
    const { store, projection } = this.options;
    const deadline = Date.now() + timeoutMs;
    // The head counts events committed behind a still-open older transaction, which lag cannot see yet.
    const target = store.head ? await store.head({ types: projection.types, categories: projection.categories }) : null;
    for (;;) {
      const done = this.state === 'live' && (target !== null ? this.checkpoint >= target : (await this.lag()).events === 0);
      if (done) return;
      if (Date.now() > deadline) throw new Error(`projection ${this.name}: not caught up after ${timeoutMs} ms (${this.state})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private serialised<T>(transition: () => Promise<T>): Promise<T> {
    const next = this.transitions.then(transition, transition);
    this.transitions = next.catch(() => undefined);
    return next;
  }

  private report(error: unknown): void {
    this.lastError = String(error);
    this.options.onError?.(error);
  }

  private scheduleLeaderRetry(): void {
    if (this.stopRequested || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.serialised(() => this.tryToLead()).catch((error: unknown) => this.report(error));
    }, this.options.leaderRetryMs ?? 2000);
    this.retryTimer.unref();
  }

  private async tryToLead(): Promise<void> {
    if (this.state !== 'standby') return;
    // A standby serves reads too: it follows which version built the table the leader keeps.
    const row = await loadCheckpoint(this.options.sql, this.name).catch(() => null);
    if (row) this.tableVersion = Number(row.version);
    const leadership = await tryLeadership(this.options.sql, `projection:${this.name}`).catch((error: unknown) => {
      this.report(error);
      return null;
    });
    if (!leadership) return this.scheduleLeaderRetry();
    this.leadership = leadership;
    leadership.onLost(() => void this.serialised(() => this.stepDown(new Error('leader lock connection lost'))));
    try {
      await this.takeOver();
    } catch (error) {
      await this.stepDown(error);
    }
  }

  private async takeOver(): Promise<void> {
    const { sql, projection } = this.options;
    const row = await sql.transaction(async (tx): Promise<CheckpointRow> => {
      const existing = await loadCheckpoint(tx, this.name);
      if (existing) return existing;
      await projection.init(tx, this.table);
      const created = { name: this.name, version: this.version, checkpoint: START, generation: 0 };
      await insertCheckpoint(tx, created);
      return created;
    });
    this.setStored(row.checkpoint);
    this.tableVersion = Number(row.version);
    // Built by another version of the projection: the old table serves (frozen) until the new one is swapped in.
    if (Number(row.version) !== this.version) await this.rebuildAndSwap();
    else this.goLive();
  }

  /** Back to standby after losing the lock or being fenced; another process may be leader now. */
  private async stepDown(reason: unknown): Promise<void> {
    this.report(reason);
    await this.stopLive();
    await this.leadership?.release().catch(() => undefined);
    this.leadership = null;
    if (this.stopRequested) return;
    this.state = 'standby';
    this.scheduleLeaderRetry();
  }

  private goLive(): void {
    const { store, projection } = this.options;
    this.state = 'live';
    this.subscription = store.subscribe({
      after: this.checkpoint,
      types: projection.types,
      categories: projection.categories,
      batchSize: this.options.batchSize ?? 500,
      pollIntervalMs: this.options.pollIntervalMs,
      settleMs: this.options.settleMs ?? 20,
      onEvents: (events) => this.applyLive(events),
      onError: (error) => {
        this.report(error);
        if (error instanceof CheckpointFenced) void this.serialised(() => this.stepDown(error));
      },
    });
  }

  /** The read-model change and the checkpoint commit together: a crash neither loses nor repeats a batch. */
  private async applyLive(events: RecordedEvent[]): Promise<void> {
    const { projection, sql } = this.options;
    const to = events[events.length - 1].checkpoint;
    if (projection.changes && !events.some((e) => projection.changes!(e))) {
      this.checkpoint = to;
      this.eventsApplied += events.length;
      if (Date.now() - this.storedAt >= (this.options.checkpointEveryMs ?? 1000)) await this.storeCheckpoint();
      return;
    }
    await sql.transaction(async (tx) => {
      await projection.apply(tx, events, this.table);
      await advanceCheckpoint(tx, this.name, this.stored, to);
    });
    this.setStored(to);
    this.eventsApplied += events.length;
  }

  /** Stores the checkpoint of the batches ignored since the last store: one statement, atomic on its own. */
  private async storeCheckpoint(): Promise<void> {
    const to = this.checkpoint;
    if (to === this.stored) return;
    await advanceCheckpoint(this.options.sql, this.name, this.stored, to);
    this.setStored(to);
  }

  /** Applied and stored alike. */
  private setStored(checkpoint: Checkpoint): void {
    this.checkpoint = checkpoint;
    this.stored = checkpoint;
    this.storedAt = Date.now();
  }

  private async stopLive(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop();
  }

  private async rebuildAndSwap(): Promise<void> {
    const { sql, store, projection } = this.options;
    const generation = await nextGeneration(sql, this.name);
    const rebuilt = rebuildTableOf(projection, generation);
    await sql.transaction(async (tx) => {
      await tx.query(`DROP TABLE IF EXISTS ${rebuildTableOf(projection, generation - 1)}`); // left by a crashed rebuild
      await tx.query(`DROP TABLE IF EXISTS ${rebuilt}`);
      await projection.init(tx, rebuilt);
    });
    const wasLive = this.state === 'live';
    this.state = 'rebuilding';
    this.rebuildProgress = { table: rebuilt, checkpoint: START, eventsApplied: 0 };
    const target = {
      store,
      sql,
      projection,
      table: rebuilt,
      batchSize: this.options.rebuildBatchSize ?? 5000,
      shouldStop: () => this.leadership === null || this.stopRequested,
      onProgress: (checkpoint: Checkpoint, events: number) => {
        this.rebuildProgress = { table: rebuilt, checkpoint, eventsApplied: (this.rebuildProgress?.eventsApplied ?? 0) + events };
      },
    };
    try {
      // The bulk while the old table keeps serving (and, if it was live, keeps following the log)...
      let checkpoint = await replayInto(target, START);
      await this.stopLive();
      // ...then the short tail that arrived meanwhile, and the swap.
      checkpoint = await replayInto(target, checkpoint);
      await swapTable(sql, { name: this.name, version: this.version, table: this.table, rebuilt, checkpoint, retired: projection.retires });
      this.setStored(checkpoint);
      this.tableVersion = this.version;
      this.eventsApplied += this.rebuildProgress.eventsApplied;
      this.rebuildProgress = undefined;
      this.goLive();
    } catch (error) {
      this.rebuildProgress = undefined;
      if (!(error instanceof ReplayAborted)) this.report(error);
      await sql.query(`DROP TABLE IF EXISTS ${rebuilt}`).catch(() => undefined);
      if (this.stopRequested) return;
      // The old table is untouched: resume serving it if it was live, and let the caller know.
      if (wasLive && !this.subscription) this.goLive();
      throw error;
    }
  }
}
