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

/** The kinds of office in the directory: who receives, who decides (docs/domain.md, per case type). */
// The city bureau and the provincial department sit above them as parents (inferred: the tiers of 公安机关).
export const OFFICE_KINDS = ['police-station', 'county-bureau', 'exit-entry', 'port', 'city-bureau', 'province-department'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

const officeEntry = z
  .object({
    name: z.string().min(1).max(100),
    kind: z.enum(OFFICE_KINDS),
    /** The office above it (a station's county bureau), by division code; absent for the top of a province. */
    parent: cityCode.optional(),
    /** The province it belongs to (first two digits of GB/T 2260), which decides who supervises it and what is cross-province. */
    province: z.string().regex(/^\d{2}$/, 'a 2-digit province code (GB/T 2260)'),
    /** Who heads the office, as the record names them (the authority to approve is the token's officeHead claim). */
    head: z.string().min(1).max(100).optional(),
    /** The ports whose port visa office it is (出境入境管理法 art 20): only there is a port visa lodged (local). */
    ports: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
  })
  .strict();

/** An office's own commitment for one clock: a limit in the clock's unit (docs/domain.md: "(local)"). */
const localClock = z.object({ limit: z.number().int().positive() }).strict();

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
  /**
   * The office directory, by division code: name, kind, parent office, province and head. Offices it does not
   * list are read from their code (province = its first two digits, GB/T 2260).
   */
  offices: z.record(cityCode, officeEntry).superRefine((table, ctx) => {
    for (const [code, office] of Object.entries(table)) {
      if (office.parent === code) ctx.addIssue({ code: 'custom', path: [code, 'parent'], message: 'an office cannot be its own parent' });
      else if (office.parent !== undefined && !table[office.parent]) {
        ctx.addIssue({ code: 'custom', path: [code, 'parent'], message: `parent office ${office.parent} is not in the directory` });
      }
    }
  }),
  /**
   * Per-office policy (the "(local)" items of docs/domain.md): an office's own limits for the clocks it owns, by
   * case type and clock (e.g. a shorter decision commitment, another supplement deadline). Checked against the
   * statutory clocks when published (domain/local-policy.ts).
   */
  'office-policies': z.record(
    cityCode,
    z
      .object({
        clocks: z.record(z.string().min(1).max(40), z.record(z.string().min(1).max(40), localClock)),
        /** The office's published commitment this comes from. */
        source: z.string().min(1).max(300).optional(),
      })
      .strict(),
  ),
} as const;

/** The tables keyed by office: a case gets only the entries of its own offices, not the whole table. */
export const OFFICE_TABLES = ['offices', 'office-policies'] as const satisfies readonly (keyof typeof referenceSchemas)[];

export type ReferenceName = keyof typeof referenceSchemas;
export type ReferenceData<N extends ReferenceName> = z.output<(typeof referenceSchemas)[N]>;
export const REFERENCE_NAMES = Object.keys(referenceSchemas) as ReferenceName[];

/** The snapshots a case carries, by table name. */
export type ReferenceSet = { [N in ReferenceName]?: ReferenceSnapshot<ReferenceData<N>> };

export type OfficeEntry = ReferenceData<'offices'>[string];
export type OfficePolicy = ReferenceData<'office-policies'>[string];

export class MissingReferenceData extends Error {}

/** The table a decision reads: from the case's snapshots (a case lodged without it cannot decide). */
export function referenceOf<N extends ReferenceName>(set: ReferenceSet | undefined, name: N): ReferenceSnapshot<ReferenceData<N>> {
  const snapshot = set?.[name];
  if (!snapshot) throw new MissingReferenceData(`the case carries no ${name} reference data`);
  return snapshot;
}
