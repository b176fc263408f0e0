import { randomUUID } from 'node:crypto';
import {
  entriesFor,
  OFFICE_TABLES,
  officePolicyProblems,
  REFERENCE_NAMES,
  referenceDefaults,
  referenceSchemas,
  type ReferenceData,
  type ReferenceName,
  type ReferenceSet,
  type ReferenceSnapshot,
} from '../../../domain';
import { canonicalJson, sha256Hex } from '../../../event-store/hash-chain';
import { WrongExpectedVersion } from '../../../event-store/errors';
import type { EventStore } from '../../../event-store/types';

export const REFERENCE_DATA_PUBLISHED = 'ReferenceDataPublished';
export const referenceStream = (name: ReferenceName) => `reference-${name}`;

export interface ReferencePublication {
  name: ReferenceName;
  version: string;
  source: string;
  publishedAt: string;
  publishedBy: string;
}

/** The content hash of a table: the same data give the same version. */
export const referenceVersion = (data: unknown): string => sha256Hex(canonicalJson(data)).slice(0, 16);

/**
 * Versioned reference data (domain/reference): each table in its own stream, seeded from the shipped defaults at
 * first start, published by an administrator. A case gets the versions in force for its type's tables when it is
 * lodged; nothing re-reads them later, so a published table governs the cases lodged after it.
 */
export class PublishedReference {
  private cached:
    { at: number; tables: Map<ReferenceName, { snapshot: ReferenceSnapshot; streamVersion: number; publications: ReferencePublication[] }> } | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly cacheMs = 2_000,
  ) {}

  async seed(): Promise<void> {
    const { tables } = await this.load(true);
    for (const name of REFERENCE_NAMES) {
      if (tables.get(name)!.streamVersion > 0) continue;
      await this.publish(name, referenceDefaults[name].data, `shipped with casework: ${referenceDefaults[name].source}`, 'system').catch((e: unknown) => {
        if (!(e instanceof WrongExpectedVersion)) throw e; // another process seeded it meanwhile
      });
    }
  }

  /** The snapshots of the named tables, as a case is lodged with them: of a table keyed by office, these offices' entries. */
  async snapshot(names: readonly ReferenceName[], offices: readonly string[] = []): Promise<ReferenceSet> {
    const { tables } = await this.load();
    const byOffice: readonly ReferenceName[] = OFFICE_TABLES;
    return Object.fromEntries(
      names.map((name) => {
        const snapshot = tables.get(name)!.snapshot as ReferenceSnapshot<Record<string, unknown>>;
        return [name, byOffice.includes(name) ? entriesFor(snapshot, offices) : snapshot];
      }),
    );
  }

  async list(): Promise<{ name: ReferenceName; version: string; publications: ReferencePublication[] }[]> {
    const { tables } = await this.load(true);
    return REFERENCE_NAMES.map((name) => ({ name, version: tables.get(name)!.snapshot.version, publications: tables.get(name)!.publications }));
  }

  async current(name: ReferenceName): Promise<ReferenceSnapshot> {
    return (await this.load(true)).tables.get(name)!.snapshot;
  }

  /** Publishes a table already validated against its schema; the same data again records nothing. */
  async publish(name: ReferenceName, data: unknown, source: string, actor: string): Promise<{ version: string; changed: boolean }> {
    const current = (await this.load(true)).tables.get(name)!;
    const version = referenceVersion(data);
    if (current.streamVersion > 0 && version === current.snapshot.version) return { version, changed: false };
    const at = new Date().toISOString();
    await this.store.append(
      referenceStream(name),
      [
        {
          id: randomUUID(),
          type: REFERENCE_DATA_PUBLISHED,
          data: { name, version, data, source },
          metadata: { actor, role: actor === 'system' ? 'system' : 'admin', office: '000000', at, commandId: randomUUID(), correlationId: randomUUID() },
        },
      ],
      { expectedVersion: current.streamVersion === 0 ? 'no-stream' : current.streamVersion },
    );
    this.cached = undefined;
    return { version, changed: true };
  }

  private async load(fresh = false) {
    if (!fresh && this.cached && Date.now() - this.cached.at < this.cacheMs) return this.cached;
    const tables = new Map<ReferenceName, { snapshot: ReferenceSnapshot; streamVersion: number; publications: ReferencePublication[] }>();
    for (const name of REFERENCE_NAMES) {
      const events = await this.store.readStream(referenceStream(name));
      const publications: ReferencePublication[] = [];
      // Before the first start's seed: the shipped defaults (never a case without its tables).
      let snapshot: ReferenceSnapshot = { version: referenceVersion(referenceDefaults[name].data), data: referenceDefaults[name].data };
      for (const e of events) {
        const d = e.data as { version: string; data: unknown; source: string };
        snapshot = { version: d.version, data: d.data };
        publications.push({ name, version: d.version, source: d.source, publishedAt: e.metadata.at, publishedBy: e.metadata.actor });
      }
      tables.set(name, { snapshot, streamVersion: events.length, publications });
    }
    this.cached = { at: Date.now(), tables };
    return this.cached;
  }
}

/** What is wrong with a table an administrator wants to publish, as path and message per problem. */
export function referenceProblems(name: ReferenceName, data: unknown): { path: string; message: string }[] {
  const parsed = referenceSchemas[name].safeParse(data);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: ['data', ...i.path.map(String)].join('.'), message: i.message }));
  // Per-office limits are checked against the statutory clocks of the case types too.
  const more = name === 'office-policies' ? officePolicyProblems(parsed.data as ReferenceData<'office-policies'>) : [];
  return more.map((p) => ({ path: ['data', ...p.path].join('.'), message: p.message }));
}
