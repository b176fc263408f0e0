import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../../../event-store/types';

/** A short unique token so tests sharing one database never see each other's streams or categories. */
export function uniqueToken(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: 'user-1',
    role: 'caseworker',
    office: '110101',
    at: '2025-01-01T00:00:00.000Z',
    commandId: randomUUID(),
    correlationId: randomUUID(),
    ...overrides,
  };
}

export function newEvent(type = 'Happened', data: unknown = { n: 1 }, meta: Partial<EventMetadata> = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata: metadata(meta) };
}

export function newEvents(count: number, type = 'Happened'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { n: i + 1 }));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until the check passes or the deadline expires, then returns its last answer. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await sleep(50);
  }
}
