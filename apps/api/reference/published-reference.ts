import {
  directoryFor,
  entriesFor,
  OFFICE_TABLES,
  officePolicyProblems,
  REFERENCE_NAMES,
  referenceDefaults,
  referenceSchemas,
  type OfficeDirectory,
  type ReferenceData,
  type ReferenceName,
  type ReferenceSet,
  type ReferenceSnapshot,
} from '../../../domain';
import { canonicalJson, sha256Hex } from '../../../event-store/hash-chain';
import { WrongExpectedVersion } from '../../../event-store/errors';
import type { EventStore, RecordedEvent } from '../../../event-store/types';
import { StreamFold } from './stream-fold';

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
  private readonly tables: Map<ReferenceName, StreamFold<TableFold>>;

  constructor(store: EventStore, recheckMs?: number) {
    this.tables = new Map(
      REFERENCE_NAMES.map((name) => {
        // Before the first start's seed: the shipped defaults (never a case without its tables).
        const initial: TableFold = {
          snapshot: { version: referenceVersion(referenceDefaults[name].data), data: referenceDefaults[name].data },
          publications: [],
        };
        return [name, new StreamFold(store, referenceStream(name), initial, foldTableEvent, recheckMs)];
      }),
    );
  }

  async seed(): Promise<void> {
    for (const name of REFERENCE_NAMES) {
      if ((await this.table(name).read(true)).streamVersion > 0) continue;
      await this.publish(name, referenceDefaults[name].data, `shipped with casework: ${referenceDefaults[name].source}`, 'system').catch((e: unknown) => {
        if (!(e instanceof WrongExpectedVersion)) throw e; // another process seeded it meanwhile
      });
    }
  }

  /** The snapshots of the named tables, as a case is lodged with them: of a table keyed by office, these offices' entries. */
  async snapshot(names: readonly ReferenceName[], offices: readonly string[] = []): Promise<ReferenceSet> {
    const byOffice: readonly ReferenceName[] = OFFICE_TABLES;
    const entries = await Promise.all(
      names.map(async (name) => {
        const { snapshot } = (await this.table(name).read()).state;
        // The directory with the offices above the case's own (who may revoke, art 69); other office tables, its own entries.
        if (name === 'offices') return [name, directoryFor(snapshot as OfficeDirectory, offices)] as const;
        return [name, byOffice.includes(name) ? entriesFor(snapshot as ReferenceSnapshot<Record<string, unknown>>, offices) : snapshot] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  async list(): Promise<{ name: ReferenceName; version: string; publications: ReferencePublication[] }[]> {
    return Promise.all(
      REFERENCE_NAMES.map(async (name) => {
        const { snapshot, publications } = (await this.table(name).read(true)).state;
        return { name, version: snapshot.version, publications };
      }),
    );
  }

  async current(name: ReferenceName): Promise<ReferenceSnapshot> {
    return (await this.table(name).read(true)).state.snapshot;
  }

  /** Publishes a table already validated against its schema; the same data again records nothing. */
  async publish(name: ReferenceName, data: unknown, source: string, actor: string): Promise<{ version: string; changed: boolean }> {
    const { state, streamVersion } = await this.table(name).read(true);
    const version = referenceVersion(data);
    if (streamVersion > 0 && version === state.snapshot.version) return { version, changed: false };
    await this.table(name).publish(REFERENCE_DATA_PUBLISHED, { name, version, data, source }, actor, streamVersion);
    return { version, changed: true };
  }

  private table(name: ReferenceName): StreamFold<TableFold> {
    return this.tables.get(name)!;
  }
}

interface TableFold {
  snapshot: ReferenceSnapshot;
  publications: ReferencePublication[];
}

function foldTableEvent(fold: TableFold, e: RecordedEvent): TableFold {
  if (e.type !== REFERENCE_DATA_PUBLISHED) return fold;
  const d = e.data as { name: ReferenceName; version: string; data: unknown; source: string };
  const publication = { name: d.name, version: d.version, source: d.source, publishedAt: e.metadata.at, publishedBy: e.metadata.actor };
  return { snapshot: { version: d.version, data: d.data }, publications: [...fold.publications, publication] };
}

/** What is wrong with a table an administrator wants to publish, as path and message per problem. */
export function referenceProblems(name: ReferenceName, data: unknown): { path: string; message: string }[] {
  const parsed = referenceSchemas[name].safeParse(data);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: ['data', ...i.path.map(String)].join('.'), message: i.message }));
  // Per-office limits are checked against the statutory clocks of the case types too.
  const more = name === 'office-policies' ? officePolicyProblems(parsed.data as ReferenceData<'office-policies'>) : [];
  return more.map((p) => ({ path: ['data', ...p.path].join('.'), message: p.message }));
}
