export class EventStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class WrongExpectedVersion extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: unknown,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
  }
}

export class StreamNotFound extends EventStoreError {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}

/** The same event id was appended before with different content: a producer bug, never silently accepted. */
export class IdempotencyConflict extends EventStoreError {
  constructor(readonly eventId: string) {
    super(`event ${eventId} was already appended with different content`);
  }
}
