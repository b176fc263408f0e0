import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '../../../event-store/types';

/** How long a read is reused before the stream is asked for newer events (ms): the staleness bound across processes. */
export const RECHECK_MS = 1_000;

/**
 * Versioned data folded from one stream of the event store (the working-day calendar, each reference table):
 * read once, then only the events appended since (a read from the cached stream version on, which finds nothing
 * until someone publishes). A publication in this process is seen at once; one by another process (API and
 * worker may be separate) within `recheckMs`. The fold never mutates a state it returned: a reader keeps a
 * consistent snapshot while the next one is folded.
 */
export class StreamFold<S> {
  private state: S;
  private streamVersion = 0;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private catchingUp: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    readonly streamId: string,
    initial: S,
    private readonly apply: (state: S, event: RecordedEvent) => S,
    private readonly recheckMs = RECHECK_MS,
  ) {
    this.state = initial;
  }

  /** The folded state and the stream version it includes; `fresh` asks the store now (before a publication, for a listing). */
  async read(fresh = false): Promise<{ state: S; streamVersion: number }> {
    if (fresh) await this.catchUpFromNow();
    else if (Date.now() - this.checkedAt >= this.recheckMs) await this.catchUp();
    return { state: this.state, streamVersion: this.streamVersion };
  }

  /**
   * Appends one publication after the stream version the caller decided on, so two publications never interleave
   * (WrongExpectedVersion otherwise), then folds it in.
   */
  async publish(type: string, data: unknown, actor: string, expectedVersion: number): Promise<void> {
    const at = new Date().toISOString();
    await this.store.append(
      this.streamId,
      [
        {
          id: randomUUID(),
          type,
          data,
          metadata: { actor, role: actor === 'system' ? 'system' : 'admin', office: '000000', at, commandId: randomUUID(), correlationId: randomUUID() },
        },
      ],
      { expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion },
    );
    await this.catchUpFromNow();
  }

  /** A read that starts after this call (one already under way may have missed what was just appended). */
  private async catchUpFromNow(): Promise<void> {
    await this.catchingUp;
    await this.catchUp();
  }

  /** One read at a time: concurrent callers wait for the same one. */
  private catchUp(): Promise<void> {
    this.catchingUp ??= this.readNewer().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async readNewer(): Promise<void> {
    const checkedAt = Date.now();
    const events = await newerEvents(this.store, this.streamId, this.streamVersion + 1);
    let { state, streamVersion } = this;
    for (const e of events) {
      if (e.version !== streamVersion + 1) continue; // already folded
      state = this.apply(state, e);
      streamVersion = e.version;
    }
    this.state = state;
    this.streamVersion = streamVersion;
    this.checkedAt = checkedAt;
  }
}

interface Wanted {
  streamId: string;
  fromVersion: number;
  resolve: (events: RecordedEvent[]) => void;
  reject: (error: unknown) => void;
}

/** The rechecks asked for in the current turn of the event loop, per store. */
const gathering = new WeakMap<EventStore, Wanted[]>();

/**
 * A stream's events from a version on. A lodging checks the calendar and each of its type's tables at once, and
 * their rechecks fall due together: the ones asked for in the same turn of the event loop are read in one query
 * where the store reads several streams at once, instead of one query per stream. Each caller gets exactly what a
 * read of its own stream would have returned.
 */
function newerEvents(store: EventStore, streamId: string, fromVersion: number): Promise<RecordedEvent[]> {
  if (!store.readStreams) return store.readStream(streamId, { fromVersion });
  return new Promise((resolve, reject) => {
    let wanted = gathering.get(store);
    if (!wanted) {
      const batch: Wanted[] = (wanted = []);
      gathering.set(store, batch);
      setImmediate(() => {
        gathering.delete(store);
        void readGathered(store, batch);
      });
    }
    wanted.push({ streamId, fromVersion, resolve, reject });
  });
}

async function readGathered(store: EventStore, batch: Wanted[]): Promise<void> {
  try {
    const events = await store.readStreams!(batch.map(({ streamId, fromVersion }) => ({ streamId, fromVersion })));
    for (const w of batch) w.resolve(events.filter((e) => e.streamId === w.streamId && e.version >= w.fromVersion));
  } catch (error) {
    for (const w of batch) w.reject(error);
  }
}
