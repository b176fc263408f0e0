/** The port every event-store adapter implements (PostgreSQL, PGlite, KurrentDB). */

/** Who did what, on whose behalf, as part of which command: carried by every event. */
export interface EventMetadata {
  actor: string;
  role: string;
  office: string;
  at: string; // ISO-8601 UTC, the business time of the fact
  commandId: string;
  correlationId: string;
  [key: string]: unknown;
}

/** An event as written by its producer. `id` is chosen by the producer so retries are idempotent. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** An event as stored: stream version, global position and hash chain added by the store. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  version: number; // 1-based position in its stream
  position: string; // global position (decimal string: bigint-safe)
  checkpoint: Checkpoint; // opaque cursor for readAll/subscribe: resume strictly after this event
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/** Opaque, totally ordered cursor into the global log. `START` is before every event. */
export type Checkpoint = string;
export const START: Checkpoint = '';

export type ExpectedVersion = number | 'any' | 'no-stream' | 'stream-exists';

export interface AppendResult {
  nextVersion: number; // the stream's version after the append
  position: string; // global position of the last event written (or found, on an idempotent retry)
  checkpoint: Checkpoint;
}

/** Bounds are an inclusive version range whatever the direction; direction sets the order and which end `limit` keeps. A missing stream reads as []. */
export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  fromVersion?: number; // inclusive lower bound
  toVersion?: number; // inclusive upper bound
  until?: string; // ISO instant: only events recorded (metadata.at) at or before it
  limit?: number;
}

export interface ReadAllOptions {
  after?: Checkpoint;
  limit?: number;
  types?: string[];
  categories?: string[]; // stream category = streamId up to the first '-'
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** Called with each batch in global order; the subscription waits for it before reading on. */
  onEvents(events: RecordedEvent[]): Promise<void>;
  onError?: (error: unknown) => void;
  pollIntervalMs?: number;
  /** Largest batch handed to onEvents (default 500). */
  batchSize?: number;
  /**
   * Once caught up, how long to wait after a wake-up before reading (default 0): appends arriving
   * meanwhile join the same batch, so a busy store costs one batch per interval, not one per append.
   */
  settleMs?: number;
}

/** What a reader at `after` has not seen yet: feeds projection lag metrics. */
export interface Backlog {
  events: number;
  oldestRecordedAt: string | null;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], options?: { expectedVersion?: ExpectedVersion }): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options: SubscribeOptions): Subscription;
  /** Throws when the store cannot be reached: used by /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Optional: cheap count of visible events after a checkpoint, with readAll's filters (projection lag). */
  backlog?(after: Checkpoint, filter?: Pick<ReadAllOptions, 'types' | 'categories'>): Promise<Backlog>;
  /**
   * Optional: several streams' events, each from a version on (inclusive), in one round trip, by stream and then
   * version; a stream named twice is read from the lower version. Reads the same events as one readStream each.
   */
  readStreams?(from: readonly { streamId: string; fromVersion: number }[]): Promise<RecordedEvent[]>;
  /** Optional: checkpoint of the last committed matching event, even if not readable yet (an older transaction is open). */
  head?(filter?: Pick<ReadAllOptions, 'types' | 'categories'>): Promise<Checkpoint>;
}
