import { z } from 'zod';

/**
 * Reference data: tables the law leaves to each city or ministry, which change while cases run. Each is
 * published as a version (a content hash, computed where it is published) and a case receives, when it is
 * lodged, the versions in force for the tables its type uses; the decision that applies one records its
 * version and the inputs it read, so it can be recomputed from the history alone
 * (docs/domain.md §1: "record the version of every reference table a decision used").
 */
export interface ReferenceSnapshot<T = unknown> {
  version: string;
  data: T;
}

const cityCode = z.string().regex(/^\d{6}$/, 'a 6-digit division code (GB/T 2260)');
const count = z.number().int().min(0);

const pointsTable = z
  .object({
    passMark: z.number().positive(),
    perSocialInsuranceYear: z.number().min(0),
    perResidenceYear: z.number().min(0),
    maxCountedYears: z.number().int().positive().optional(),
    exemptCategories: z.array(z.string()).max(20),
  })
  .strict();

/** Each table's shape: what an administrator may publish (anything else is 422 with the reason). */
export const referenceSchemas = {
  /** Admission to a city's hukou by its urban population (2023 measures, 国发〔2014〕51号 city scale). */
  'hukou-admission': z
    .object({
      /** Under this: no restriction. */
      openBelow: count,
      /** From this on: points-based admission; in between, relaxed conditions. */
      pointsFrom: count,
      /** Relaxed conditions: years of a stable job or residence (inferred). */
      relaxedMinYears: z.number().min(0),
      relaxedExemptCategories: z.array(z.string()).max(20),
      defaultPointsTable: pointsTable,
      pointsTables: z.record(cityCode, pointsTable),
    })
    .strict()
    .refine((t) => t.openBelow <= t.pointsFrom, { message: 'openBelow must not exceed pointsFrom' }),
  /** Urban population (城区人口) and name of each city, by division code: never typed in by whoever lodges a case. */
  'city-populations': z.record(cityCode, z.object({ name: z.string().min(1).max(100), urbanPopulation: count }).strict()),
  /** Metropolitan groups whose cities recognise each other's residence and insurance years (inferred). */
  'metro-areas': z.record(z.string().regex(/^[a-z0-9-]{1,40}$/), z.array(cityCode).min(1).max(100)),
  /** How old a photo in the shared store may be to be reused, in months, by the document it was taken for. */
  'photo-reuse': z.record(z.string().regex(/^[a-z-]{1,40}$/), z.number().int().min(0).max(120)),
} as const;

export type ReferenceName = keyof typeof referenceSchemas;
export type ReferenceData<N extends ReferenceName> = z.output<(typeof referenceSchemas)[N]>;
export const REFERENCE_NAMES = Object.keys(referenceSchemas) as ReferenceName[];

/** The snapshots a case carries, by table name. */
export type ReferenceSet = { [N in ReferenceName]?: ReferenceSnapshot<ReferenceData<N>> };

export class MissingReferenceData extends Error {}

/** The table a decision reads: from the case's snapshots (a case lodged without it cannot decide). */
export function referenceOf<N extends ReferenceName>(set: ReferenceSet | undefined, name: N): ReferenceSnapshot<ReferenceData<N>> {
  const snapshot = set?.[name];
  if (!snapshot) throw new MissingReferenceData(`the case carries no ${name} reference data`);
  return snapshot;
}
